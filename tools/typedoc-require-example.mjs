// TypeDoc plugin: every public export (the top-level declarations of each package) must carry an
// `@example` block, on its own comment or on one of its call/construct signatures. A missing one
// is a warning, which `treatWarningsAsErrors` (typedoc.json) turns into a failed `npm run docs`.
import { Converter, ReflectionKind } from 'typedoc';

const KINDS =
  ReflectionKind.Function |
  ReflectionKind.Class |
  ReflectionKind.Variable |
  ReflectionKind.Interface |
  ReflectionKind.TypeAlias |
  ReflectionKind.Enum;

function hasExample(reflection) {
  const comments = [reflection.comment, ...(reflection.signatures ?? []).map((s) => s.comment)];
  return comments.some((c) => c?.blockTags.some((t) => t.tag === '@example'));
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const visit = (container) => {
      for (const child of container.children ?? []) {
        if (child.kindOf(ReflectionKind.Module | ReflectionKind.Namespace)) visit(child);
        else if (child.kindOf(KINDS) && !hasExample(child)) {
          app.logger.warn(`${child.getFriendlyFullName()} (${ReflectionKind[child.kind]}) has no @example in its doc comment`);
        }
      }
    };
    visit(context.project);
  });
}

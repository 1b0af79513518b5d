const NON_IMAGE: readonly [RegExp, string][] = [
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.88\./, 'structured report'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.11\./, 'presentation state'],
  [/^1\.2\.840\.10008\.1\.3\.10$/, 'media storage directory (DICOMDIR)'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.104\./, 'encapsulated document'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.66(\.|$)/, 'raw data / registration'],
  [/^1\.2\.840\.10008\.5\.1\.4\.1\.1\.4\.2$/, 'MR spectroscopy'],
];

/**
 * What kind of non-image object a SOP class UID names (structured report, presentation state,
 * DICOMDIR…), or `undefined` for image storage classes and classes not listed.
 *
 * @example
 * ```ts
 * nonImageKind('1.2.840.10008.5.1.4.1.1.88.22'); // 'structured report'
 * nonImageKind('1.2.840.10008.5.1.4.1.1.4'); // undefined: MR Image Storage
 * ```
 */
export function nonImageKind(sopClassUid: string | undefined): string | undefined {
  if (sopClassUid === undefined) return undefined;
  for (const [re, kind] of NON_IMAGE) if (re.test(sopClassUid)) return kind;
  return undefined;
}

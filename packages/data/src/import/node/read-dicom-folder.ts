import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { importDicomFiles, type ImportDicomOptions } from '../dicom/import-dicom.js';
import { ImportError } from '../import-error.js';
import type { ImportedExam, SourceFile } from '../types.js';

/**
 * Every regular file under `dir`, at any depth, sorted by path (so reports are reproducible; the
 * order never decides the slice order). Symbolic links to files are followed; hidden files are kept,
 * since PACS exports name files freely.
 *
 * @example
 * ```ts
 * listFilesDeep('PACS-export'); // ['PACS-export/DICOMDIR', 'PACS-export/S1/I0001', …]
 * ```
 */
export function listFilesDeep(dir: string): string[] {
  let top;
  try {
    top = statSync(dir);
  } catch {
    throw new ImportError(`${dir}: no such folder`, { path: dir });
  }
  if (!top.isDirectory()) throw new ImportError(`${dir}: not a folder (give the folder that holds the DICOM files)`, { path: dir });
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
      else if (e.isSymbolicLink()) {
        const s = statSync(p, { throwIfNoEntry: false });
        if (s?.isFile()) out.push(p);
        else if (s?.isDirectory()) walk(p);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Imports the DICOM exam in folder `dir` (see {@link importDicomFiles}), reading one file at a
 * time. Paths in the report are relative to `dir`.
 *
 * @example
 * ```ts
 * import { importDicomFolder } from '@mrnet/data/node';
 * const exam = importDicomFolder('PACS-export/knee-042');
 * exam.report.skipped; // files that were not DICOM images, with reasons
 * ```
 */
export function importDicomFolder(dir: string, options: Omit<ImportDicomOptions, 'source'> = {}): ImportedExam {
  const paths = listFilesDeep(dir);
  function* files(): Generator<SourceFile> {
    for (const p of paths) {
      let bytes;
      try {
        bytes = readFileSync(p);
      } catch (e) {
        throw new ImportError(`${p}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { path: p, cause: e });
      }
      yield { path: relative(dir, p) || p, bytes };
    }
  }
  try {
    return importDicomFiles(files(), { ...options, source: dir });
  } catch (e) {
    // Messages name files relative to the folder; put the folder back so the one line is enough.
    if (e instanceof ImportError && e.path !== undefined && e.path !== dir && !e.message.startsWith(dir)) {
      const full = join(dir, e.path);
      const message = e.message.startsWith(`${e.path}: `) ? `${full}${e.message.slice(e.path.length)}` : `${dir}: ${e.message}`;
      throw new ImportError(message, { path: full, cause: e.cause });
    }
    throw e;
  }
}

import { InputError, type InputErrorOptions } from '@mrnet/options';

/**
 * A DICOM folder or NIfTI file that cannot become an MRNet exam: not DICOM, a transfer syntax the
 * reader cannot decode, a plane with no usable series, mixed image sizes within a series, a series
 * of one slice, a NIfTI file whose slices are in another plane. The message is one line naming the
 * file (or series) and what is wrong; `path` holds the file.
 *
 * @example
 * ```ts
 * import { importDicomFiles, ImportError } from '@mrnet/data';
 * try {
 *   importDicomFiles([{ path: 'notes.txt', bytes: new TextEncoder().encode('hello') }]);
 * } catch (e) {
 *   if (e instanceof ImportError) console.error(e.message); // "… no DICOM files …"
 * }
 * ```
 */
export class ImportError extends InputError {
  constructor(message: string, options: InputErrorOptions = {}) {
    super(message, options);
    this.name = 'ImportError';
  }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// A file from an upload field, as the outcomes module's multipart parser hands it over ({ filename, content }).

export interface UploadedFile {
  filename: string
  content: Buffer
}

/** The uploaded file in `field`, or undefined when none was chosen (or it is empty). */
export function uploadedFile(body: unknown, field = 'file'): UploadedFile | undefined {
  const raw = (body as Record<string, unknown> | undefined)?.[field]
  const file = raw as UploadedFile | undefined
  return file && typeof file.filename === 'string' && Buffer.isBuffer(file.content) && file.content.length > 0
    ? file
    : undefined
}

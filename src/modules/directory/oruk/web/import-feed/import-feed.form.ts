// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FieldErrors } from '../../../../../platform/http/forms.ts'
import type { ImportSource } from '../../oruk.fetch.ts'

/** A file from the upload field, as the multipart parser hands it over. */
export interface UploadedFile {
  filename: string
  content: Buffer
}

export interface ImportFeedValues {
  url: string
  feedName: string
}

export type ImportFeedResult =
  | { ok: true; value: ImportSource; values: ImportFeedValues }
  | { ok: false; errors: FieldErrors; values: ImportFeedValues }

export const MAX_UPLOAD_FILES = 30

export function isUploadedFile(value: unknown): value is UploadedFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as UploadedFile).filename === 'string' &&
    Buffer.isBuffer((value as UploadedFile).content)
  )
}

function uploadedFiles(body: unknown): UploadedFile[] {
  const raw = (body as Record<string, unknown> | undefined)?.['files']
  const list = Array.isArray(raw) ? (raw as unknown[]) : raw === undefined ? [] : [raw]
  // A file field left empty still sends a part with no name and no content.
  return list.filter(isUploadedFile).filter((f) => f.filename !== '' || f.content.length > 0)
}

const extension = (name: string): string => name.toLowerCase().split('.').pop() ?? ''

/**
 * Reads the import form: a feed address, or uploaded files (one ORUK JSON file, or the CSV files of an HSDS
 * datapackage) with the name of the feed they come from, so a later upload of the same feed updates it.
 */
export function parseImportFeed(body: unknown): ImportFeedResult {
  const url = textField(body, 'url', 2000)
  const feedName = textField(body, 'feedName', 200)
  const files = uploadedFiles(body)
  const values = { url, feedName }
  const errors: FieldErrors = {}
  const fail = (): ImportFeedResult => ({ ok: false, errors, values })

  if (!url && files.length === 0) {
    errors['url'] = 'Enter the address of a feed, or choose a file to upload'
    return fail()
  }
  if (url && files.length > 0) {
    errors['url'] = 'Enter a feed address or choose files to upload, not both'
    return fail()
  }
  if (url) {
    let parsed: URL | undefined
    try {
      parsed = new URL(url)
    } catch {
      parsed = undefined
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || url.length > 2000) {
      errors['url'] = 'Enter a web address that starts with https:// or http://, like https://example.org/oruk'
      return fail()
    }
    return { ok: true, value: { kind: 'url', url: parsed.toString() }, values }
  }

  if (!feedName) errors['feedName'] = 'Enter where the feed comes from, like Leeds City Council directory'
  else if (feedName.length > 200) errors['feedName'] = 'Where the feed comes from must be 200 characters or fewer'
  const kinds = new Set(files.map((f) => extension(f.filename)))
  const jsonFiles = files.filter((f) => extension(f.filename) === 'json' && f.filename !== 'datapackage.json')
  const csvFiles = files.filter((f) => extension(f.filename) === 'csv')
  if (files.length > MAX_UPLOAD_FILES) errors['files'] = `Choose ${MAX_UPLOAD_FILES} files or fewer`
  else if ([...kinds].some((k) => k !== 'json' && k !== 'csv'))
    errors['files'] = 'The selected files must be JSON or CSV'
  else if (jsonFiles.length > 1 || (jsonFiles.length === 1 && csvFiles.length > 0))
    errors['files'] = 'Choose one JSON file, or the CSV files of one datapackage'
  else if (jsonFiles.length === 0 && csvFiles.length === 0) errors['files'] = 'The selected files must be JSON or CSV'
  if (Object.keys(errors).length > 0) return fail()

  const name = `upload:${feedName}`
  if (jsonFiles.length === 1)
    return { ok: true, value: { kind: 'file', name, content: jsonFiles[0]!.content.toString('utf8') }, values }
  const tables: Record<string, string> = {}
  for (const file of csvFiles) tables[file.filename.split(/[\\/]/).pop()!.toLowerCase()] = file.content.toString('utf8')
  return { ok: true, value: { kind: 'csv-files', name, files: tables }, values }
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// Small readers for untyped FHIR JSON (already checked against the FHIR schema, so shapes are right when present).

export type Json = Record<string, unknown>

export function asObject(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

export function asObjects(value: unknown): Json[] {
  return asArray(value)
    .map(asObject)
    .filter((v): v is Json => v !== undefined)
}

export function asString(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

/** Drops control characters other than tab and newlines, as the web forms do. */
export function cleanText(value: unknown, maxLength: number): string {
  return asString(value)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .slice(0, maxLength + 1)
}

/** The codings of a CodeableConcept (or of each of an array of them), with their FHIRPath. */
export function codingsOf(concepts: unknown, path: string): { system: string; code: string; path: string }[] {
  const list = Array.isArray(concepts) ? concepts : [concepts]
  return list.flatMap((concept, i) => {
    const base = Array.isArray(concepts) ? `${path}[${i}]` : path
    return asObjects(asObject(concept)?.['coding']).map((coding, j) => ({
      system: asString(coding['system']),
      code: asString(coding['code']),
      path: `${base}.coding[${j}]`,
    }))
  })
}

/** A resource found in a request, with the FHIRPath it was found at (for the issues that name it). */
export interface Located {
  resource: Json
  path: string
}

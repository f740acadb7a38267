// SPDX-License-Identifier: AGPL-3.0-or-later

/** Field name → message. The order of keys is the order errors are listed in the summary. */
export type FieldErrors = Record<string, string>

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors }

/** Builds the design system's error summary list; `fieldIds` maps a field to the id of the input to focus. */
export function errorListFor(
  errors: FieldErrors,
  fieldIds: Record<string, string> = {},
): { text: string; href: string }[] {
  return Object.entries(errors).map(([field, text]) => ({ text, href: `#${fieldIds[field] ?? field}` }))
}

/** Reads one text field from a parsed form body, trimming it and dropping control characters. */
export function textField(body: unknown, name: string, maxLength = 2000): string {
  const raw = (body as Record<string, unknown> | undefined)?.[name]
  const value: unknown = Array.isArray(raw) ? (raw as unknown[])[0] : raw
  if (typeof value !== 'string') return ''
  // Control characters other than tab and newlines are never legitimate in form input.
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .trim()
    .slice(0, maxLength + 1)
}

/** Reads a multi-value field (checkboxes) as an array of strings. */
export function listField(body: unknown, name: string): string[] {
  const raw = (body as Record<string, unknown> | undefined)?.[name]
  if (raw === undefined) return []
  return (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string')
}

/** Reads a query-string parameter as a single trimmed string. */
export function queryField(query: unknown, name: string, maxLength = 200): string {
  return textField(query, name, maxLength).slice(0, maxLength)
}

export interface Paging {
  page: number
  pageSize: number
  offset: number
}

export function pagingFrom(query: unknown, pageSize = 25): Paging {
  const requested = Number.parseInt(queryField(query, 'page'), 10)
  const page = Number.isFinite(requested) && requested > 0 && requested < 100_000 ? requested : 1
  return { page, pageSize, offset: (page - 1) * pageSize }
}

/** Builds the nhsuk pagination component's options, keeping every other query parameter. */
export function paginationFor(
  basePath: string,
  query: Record<string, string>,
  paging: Paging,
  total: number,
):
  | {
      previous?: { href: string }
      next?: { href: string }
      items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[]
    }
  | undefined {
  const pages = Math.max(1, Math.ceil(total / paging.pageSize))
  if (pages <= 1) return undefined
  const href = (page: number): string => {
    const params = new URLSearchParams({
      ...Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '')),
      page: String(page),
    })
    return `${basePath}?${params.toString()}`
  }
  const window = new Set([1, pages, paging.page - 1, paging.page, paging.page + 1].filter((p) => p >= 1 && p <= pages))
  return {
    previous: paging.page > 1 ? { href: href(paging.page - 1) } : undefined,
    next: paging.page < pages ? { href: href(paging.page + 1) } : undefined,
    items: [...window]
      .sort((a, b) => a - b)
      .flatMap((number, index, all) => {
        const item = { number, href: href(number), current: number === paging.page }
        const previous = all[index - 1]
        return previous !== undefined && number - previous > 1 ? [{ ellipsis: true as const }, item] : [item]
      }),
  }
}

/** Reads a day, month and year typed into a date input as an ISO date, or undefined if they are not a real date. */
export function isoDateFrom(day: string, month: string, year: string): string | undefined {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  const date = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso
}

/** The hidden key a form carries so a retried submission is stored once (a UUID, or another long random text). */
export const SUBMISSION_KEY = /^[A-Za-z0-9-]{16,64}$/

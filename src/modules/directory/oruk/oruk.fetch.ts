// SPDX-License-Identifier: AGPL-3.0-or-later
// Reading a feed from where it lives: an ORUK API followed page by page (with an address guard so the web page
// cannot make the server read private addresses), a JSON file, or the CSV files of an HSDS datapackage.
// No database work: the result is normalised services for oruk.import.ts to compare and write.
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import type { AuditActor } from '../../../platform/audit/audit.service.ts'
import {
  needsDetail,
  parseHsdsCsvPackage,
  parseOruk1Services,
  parseOruk3Services,
  servicesInDocument,
} from './oruk.import-parsers.ts'
import type { ParsedFeed } from './oruk.ts'

/** Where a feed comes from: a URL (an ORUK API, a JSON file or a datapackage.json), a JSON file, or CSV files. */
export type ImportSource =
  | { kind: 'url'; url: string }
  | { kind: 'file'; name: string; content: string }
  | { kind: 'csv-files'; name: string; files: Record<string, string> }

export class FeedFetchError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FeedFetchError'
  }
}

const MAX_PAGES = 1_000
const MAX_SERVICES = 50_000
const DETAIL_CONCURRENCY = 4
const FETCH_TIMEOUT_MS = 30_000

/** Options for reading a feed. */
export interface ImportOptions {
  /** Who is importing, for the audit trail (the web page passes the signed-in person). */
  actor?: AuditActor
  /**
   * Whether the feed may live on a private or loopback address. The operator's command line may; the web page
   * may not, so an editor cannot make the server read internal services (SSRF).
   */
  allowPrivateNetwork?: boolean
}

const PRIVATE_V4 = [
  [0x00000000, 8],
  [0x0a000000, 8],
  [0x64400000, 10],
  [0x7f000000, 8],
  [0xa9fe0000, 16],
  [0xac100000, 12],
  [0xc0a80000, 16],
  [0xe0000000, 4],
] as const

/** True for loopback, private, link-local, shared, multicast and unspecified addresses (IPv4 and IPv6). */
export function isPrivateAddress(address: string): boolean {
  const v6 = address.toLowerCase()
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6)
  if (isIP(address) === 4 || mapped) {
    const parts = (mapped ? mapped[1]! : address).split('.').map(Number)
    const value = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0
    return PRIVATE_V4.some(([base, bits]) => value >>> (32 - bits) === base >>> (32 - bits))
  }
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || /^ff/.test(v6)
}

async function assertPublicUrl(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address)
  if (addresses.length === 0) throw new FeedFetchError(`Could not find the server ${url.hostname}`)
  if (addresses.some(isPrivateAddress))
    throw new FeedFetchError(`${url.hostname} is a private network address; only public feeds can be imported here`)
}

const MAX_REDIRECTS = 5

async function fetchText(url: string, options: ImportOptions): Promise<string> {
  let current = new URL(url)
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (current.protocol !== 'https:' && current.protocol !== 'http:')
      throw new FeedFetchError(`${current.toString()} is not a web address`)
    if (!options.allowPrivateNetwork) await assertPublicUrl(current)
    let response: Response
    try {
      response = await fetch(current, {
        headers: { accept: 'application/json, text/csv;q=0.9' },
        // Redirects are followed by hand so each hop is checked as the first one was.
        redirect: 'manual',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      })
    } catch (error) {
      throw new FeedFetchError(`Could not reach ${current.toString()}: ${(error as Error).message}`)
    }
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, current)
      continue
    }
    if (!response.ok) throw new FeedFetchError(`${current.toString()} answered ${response.status}`)
    return response.text()
  }
  throw new FeedFetchError(`${url} redirected too many times`)
}

async function fetchJson(url: string, options: ImportOptions): Promise<unknown> {
  const text = await fetchText(url, options)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new FeedFetchError(`${url} did not return JSON`)
  }
}

function withPage(url: string, page: number): string {
  const u = new URL(url)
  u.searchParams.set('page', String(page))
  return u.toString()
}

/** Fetches a whole feed from a URL: follows an API page by page and fetches full records a list leaves out. */
async function fetchFeed(url: string, options: ImportOptions): Promise<ParsedFeed> {
  if (/datapackage\.json(\?.*)?$/.test(url)) {
    const pkg = (await fetchJson(url, options)) as { resources?: { path?: string }[] }
    const files: Record<string, string> = {}
    for (const resource of pkg.resources ?? []) {
      if (!resource.path || !/^[\w./-]+\.csv$/.test(resource.path)) continue
      const name = resource.path.split('/').pop()!
      files[name] = await fetchText(new URL(resource.path, url).toString(), options)
    }
    return parseHsdsCsvPackage(files)
  }
  let servicesUrl = url
  let first = await fetchJson(url, options)
  // An API root (GET /) answers its version: the services live under /services.
  if (first && typeof first === 'object' && !Array.isArray(first) && 'version' in first && !('contents' in first)) {
    servicesUrl = `${url.replace(/\/+$/, '')}/services`
    first = await fetchJson(servicesUrl, options)
  }
  const firstPage = servicesInDocument(first)
  const items = [...firstPage.items]
  const totalPages = Math.min(firstPage.totalPages ?? 1, MAX_PAGES)
  // ORUK 1.0 numbered pages from 0 in some implementations; follow the page number the feed reports.
  const startPage = firstPage.page ?? 1
  for (let page = startPage + 1; page < startPage + totalPages && items.length < MAX_SERVICES; page++) {
    items.push(...servicesInDocument(await fetchJson(withPage(servicesUrl, page), options)).items)
  }
  const base = new URL(servicesUrl)
  base.search = ''
  const detailBase = base.toString().replace(/\/+$/, '')
  const full: unknown[] = new Array<unknown>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      const item = items[index]
      const id = (item as { id?: unknown } | null)?.id
      full[index] =
        needsDetail(item) && (typeof id === 'string' || typeof id === 'number')
          ? await fetchJson(`${detailBase}/${encodeURIComponent(String(id))}`, options)
          : item
    }
  }
  await Promise.all(Array.from({ length: DETAIL_CONCURRENCY }, worker))
  return firstPage.format === 'oruk-1' ? parseOruk1Services(full) : parseOruk3Services(full)
}

/**
 * For the command line: a JSON file is one feed file; a folder, or a datapackage.json, is an HSDS CSV
 * datapackage whose CSV files sit beside it. The feed is named by its absolute path.
 */
export async function importSourceFromPath(filePath: string): Promise<ImportSource> {
  const absolute = path.resolve(filePath)
  const info = await stat(absolute)
  const folder = info.isDirectory()
    ? absolute
    : path.basename(absolute) === 'datapackage.json'
      ? path.dirname(absolute)
      : undefined
  if (!folder) return { kind: 'file', name: `file:${absolute}`, content: await readFile(absolute, 'utf8') }
  const files: Record<string, string> = {}
  for (const name of (await readdir(folder)).filter((n) => n.toLowerCase().endsWith('.csv')))
    files[name.toLowerCase()] = await readFile(path.join(folder, name), 'utf8')
  if (Object.keys(files).length === 0) throw new FeedFetchError(`${folder} has no CSV files`)
  return { kind: 'csv-files', name: `file:${folder}`, files }
}

/** Reads a feed from its source into normalised services (no database work). */
export async function readFeed(
  source: ImportSource,
  options: ImportOptions = {},
): Promise<{ sourceFeed: string; feed: ParsedFeed }> {
  switch (source.kind) {
    case 'url':
      return { sourceFeed: source.url, feed: await fetchFeed(source.url, options) }
    case 'file': {
      let document: unknown
      try {
        document = JSON.parse(source.content)
      } catch {
        throw new FeedFetchError(`${source.name} is not a JSON file`)
      }
      const { format, items } = servicesInDocument(document)
      return {
        sourceFeed: source.name,
        feed: format === 'oruk-1' ? parseOruk1Services(items) : parseOruk3Services(items),
      }
    }
    case 'csv-files':
      return { sourceFeed: source.name, feed: parseHsdsCsvPackage(source.files) }
  }
}

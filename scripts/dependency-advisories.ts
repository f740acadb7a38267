// SPDX-License-Identifier: AGPL-3.0-or-later
// The advisory check of what ships (issue 13), a step of `npm test`.
//
// 1. `npm audit --omit=dev`: fails on any advisory of high or critical severity in a production dependency.
// 2. When the registry's advisory endpoint cannot be asked (these machines reach the npm registry's package pages
//    but its audit endpoint answers 405, and sigstore is out of reach), the closest check the registry allows: each
//    production package's own page says whether the locked version is deprecated (how maintainers withdraw a
//    version with a known vulnerability) and what its tarball's integrity is, which must match the lock file's.
//    The step says which of the two it ran.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const REGISTRY = 'https://registry.npmjs.org'
const FAILING_SEVERITIES = ['high', 'critical']

/**
 * Locked production versions that are deprecated and accepted, each with why. Empty: a new one fails the step until
 * someone reads the notice and upgrades, or names it here.
 */
const ACCEPTED_DEPRECATIONS: Record<string, string> = {}

export interface LockedPackage {
  name: string
  version: string
  integrity: string | undefined
}

interface AuditReport {
  metadata?: { vulnerabilities?: Record<string, number> }
  vulnerabilities?: Record<string, { severity: string; via: unknown[] }>
}

/** Runs `npm audit`; undefined when the advisory endpoint could not be asked. */
function npmAudit(): AuditReport | undefined {
  const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
  try {
    const report = JSON.parse(result.stdout) as AuditReport
    return report.metadata?.vulnerabilities ? report : undefined
  } catch {
    return undefined
  }
}

/** Every production package in the lock file (what `npm ci --omit=dev` installs), once per name and version. */
export function lockedProductionPackages(lock: {
  packages: Record<
    string,
    { name?: string; version?: string; integrity?: string; dev?: boolean; devOptional?: boolean; link?: boolean }
  >
}): LockedPackage[] {
  const seen = new Map<string, LockedPackage>()
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (!where || entry.dev || entry.devOptional || entry.link || !entry.version) continue
    const name = entry.name ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length)
    seen.set(`${name}@${entry.version}`, { name, version: entry.version, integrity: entry.integrity })
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))
}

export interface Packument {
  versions?: Record<string, { deprecated?: string; dist?: { integrity?: string } }>
}

async function packument(name: string): Promise<Packument> {
  const url = `${REGISTRY}/${name.replace('/', '%2f')}`
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, {
        headers: { accept: 'application/vnd.npm.install-v1+json' },
        signal: AbortSignal.timeout(20_000),
      })
      if (!response.ok) throw new Error(`${url} answered ${response.status}`)
      return (await response.json()) as Packument
    } catch (error) {
      if (attempt === 3) throw error
    }
  }
}

/** Each package's registry page (abbreviated metadata), fetched a dozen at a time. */
async function registryPages(names: string[]): Promise<Map<string, Packument>> {
  const pages = new Map<string, Packument>()
  const queue = [...names]
  await Promise.all(
    Array.from({ length: 12 }, async () => {
      for (let name = queue.shift(); name; name = queue.shift()) pages.set(name, await packument(name))
    }),
  )
  return pages
}

/** What is wrong with each locked package according to its registry page. */
export function findingsFor(
  packages: LockedPackage[],
  pages: Map<string, Packument>,
  accepted: Record<string, string> = ACCEPTED_DEPRECATIONS,
): string[] {
  const findings: string[] = []
  for (const locked of packages) {
    const published = pages.get(locked.name)?.versions?.[locked.version]
    const id = `${locked.name}@${locked.version}`
    if (!published) {
      findings.push(`${id}: not on the registry (unpublished?)`)
      continue
    }
    if (published.deprecated && !accepted[id]) findings.push(`${id} is deprecated: ${published.deprecated}`)
    if (locked.integrity && published.dist?.integrity && locked.integrity !== published.dist.integrity)
      findings.push(`${id}: the lock file's integrity does not match the registry's`)
  }
  return findings
}

async function main(): Promise<void> {
  const audit = npmAudit()
  if (audit) {
    const counts = audit.metadata!.vulnerabilities!
    const failing = Object.entries(audit.vulnerabilities ?? {}).filter(([, v]) =>
      FAILING_SEVERITIES.includes(v.severity),
    )
    console.log(`npm audit (production dependencies): ${JSON.stringify(counts)}`)
    for (const [name, v] of failing) console.log(`  ${v.severity}: ${name}`)
    process.exitCode = failing.length > 0 ? 1 : 0
    return
  }
  console.log(
    "npm audit could not ask the registry's advisory endpoint from this machine; checking each production package's " +
      'registry page for deprecation and integrity instead.',
  )
  const lock = JSON.parse(readFileSync(process.argv[2] ?? path.join(ROOT, 'package-lock.json'), 'utf8')) as Parameters<
    typeof lockedProductionPackages
  >[0]
  const packages = lockedProductionPackages(lock)
  const findings = findingsFor(packages, await registryPages([...new Set(packages.map((p) => p.name))]))
  console.log(
    `${packages.length} production package versions (${new Set(packages.map((p) => p.name)).size} names) checked: ` +
      `${findings.length} finding(s).`,
  )
  for (const finding of findings) console.log(`  ${finding}`)
  process.exitCode = findings.length > 0 ? 1 : 0
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main()

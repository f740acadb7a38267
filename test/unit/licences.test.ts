// SPDX-License-Identifier: AGPL-3.0-or-later
// Every package Waymark ships with (production dependencies, all the way down) is under a licence that lets it be
// distributed with an AGPL-3.0-or-later program (issue 13). A new dependency under any other licence, or under
// none, fails here until someone has read its terms and added it below with the reason.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Permissive licences and the GNU family: each may be combined with and distributed under the AGPL. */
const ALLOWED = new Set([
  'MIT',
  'MIT-0',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'Unlicense',
  'CC0-1.0',
  'PSF-2.0',
  'Python-2.0',
  'CC-BY-3.0',
  'CC-BY-4.0',
  'MPL-2.0',
  'LGPL-3.0-or-later',
  'GPL-3.0-or-later',
  'AGPL-3.0-or-later',
])

/** Packages whose package.json names no licence, read by hand: name → what their licence file says. */
const READ_BY_HAND: Record<string, string> = {
  'png-js': 'MIT (its LICENSE file; pdfkit reads PNG images with it)',
}

interface Installed {
  name: string
  version: string
  license?: string | { type?: string }
}

/** The licence ids in an SPDX expression: "(MIT OR CC0-1.0)" → MIT, CC0-1.0; each side of an AND must pass. */
function acceptable(expression: string): boolean {
  const inner = expression.replace(/^\((.*)\)$/, '$1')
  if (/ OR /.test(inner)) return inner.split(' OR ').some((part) => acceptable(part.trim()))
  return inner.split(' AND ').every((part) => ALLOWED.has(part.trim().replace(/^\(|\)$/g, '')))
}

describe('dependency licences', () => {
  it('ships only packages under licences compatible with AGPL-3.0-or-later', () => {
    const query = spawnSync('npm', ['query', '.prod'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    assert.equal(query.status, 0, query.stderr)
    const installed = JSON.parse(query.stdout) as Installed[]
    assert.ok(installed.length > 100, `npm query found ${installed.length} packages`)
    const refused = installed.flatMap((p) => {
      const licence = typeof p.license === 'string' ? p.license : p.license?.type
      if (!licence) return READ_BY_HAND[p.name] ? [] : [`${p.name}@${p.version}: names no licence`]
      return acceptable(licence) ? [] : [`${p.name}@${p.version}: ${licence}`]
    })
    assert.deepEqual(refused, [])
  })

  it('reads SPDX expressions as the licence says', () => {
    assert.equal(acceptable('MIT'), true)
    assert.equal(acceptable('(MIT OR CC0-1.0)'), true)
    assert.equal(acceptable('(ISC AND CC-BY-3.0)'), true)
    assert.equal(acceptable('(MIT AND SSPL-1.0)'), false)
    assert.equal(acceptable('SSPL-1.0'), false)
    assert.equal(acceptable('UNLICENSED'), false)
    assert.equal(acceptable('(BUSL-1.1 OR Elastic-2.0)'), false)
  })
})

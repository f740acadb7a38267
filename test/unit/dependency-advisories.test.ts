// SPDX-License-Identifier: AGPL-3.0-or-later
// The advisory step's own logic (issue 13): which locked packages ship, and what a registry page says against one.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findingsFor, lockedProductionPackages, type Packument } from '../../scripts/dependency-advisories.ts'

const lock = {
  packages: {
    '': { name: 'waymark', version: '1.0.0' },
    'node_modules/fastify': { version: '5.6.1', integrity: 'sha512-good' },
    'node_modules/pino/node_modules/fastify': { version: '5.6.1', integrity: 'sha512-good' },
    'node_modules/@scope/thing': { version: '1.2.3', integrity: 'sha512-thing' },
    'node_modules/aliased': { name: 'real-name', version: '2.0.0' },
    'node_modules/typescript': { version: '5.9.3', dev: true },
    'node_modules/fsevents': { version: '2.3.3', devOptional: true },
    'node_modules/local': { version: '0.0.1', link: true },
  },
}

describe('the dependency advisory check', () => {
  it('checks each production package version once, by its real name, and leaves out development-only ones', () => {
    assert.deepEqual(
      lockedProductionPackages(lock).map((p) => `${p.name}@${p.version}`),
      ['@scope/thing@1.2.3', 'fastify@5.6.1', 'real-name@2.0.0'],
    )
  })

  it('reports a deprecated version, an integrity that differs from the registry and a version not published', () => {
    const pages = new Map<string, Packument>([
      [
        'fastify',
        { versions: { '5.6.1': { deprecated: 'has a known vulnerability', dist: { integrity: 'sha512-good' } } } },
      ],
      ['@scope/thing', { versions: { '1.2.3': { dist: { integrity: 'sha512-other' } } } }],
      ['real-name', { versions: { '1.0.0': {} } }],
    ])
    assert.deepEqual(findingsFor(lockedProductionPackages(lock), pages, {}), [
      "@scope/thing@1.2.3: the lock file's integrity does not match the registry's",
      'fastify@5.6.1 is deprecated: has a known vulnerability',
      'real-name@2.0.0: not on the registry (unpublished?)',
    ])
  })

  it('accepts a deprecation only when it is named with a reason, and finds nothing in a clean lock', () => {
    const pages = new Map<string, Packument>([
      ['fastify', { versions: { '5.6.1': { deprecated: 'use 5.6.2', dist: { integrity: 'sha512-good' } } } }],
      ['@scope/thing', { versions: { '1.2.3': { dist: { integrity: 'sha512-thing' } } } }],
      ['real-name', { versions: { '2.0.0': {} } }],
    ])
    assert.deepEqual(
      findingsFor(lockedProductionPackages(lock), pages, { 'fastify@5.6.1': 'read; fixed upstream' }),
      [],
    )
  })
})

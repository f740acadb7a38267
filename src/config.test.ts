// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from './config.ts'

const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), 'waymark-config-'))

describe('configuration', () => {
  it('runs with no settings at all, on the embedded database in ./data', () => {
    const dir = tmp()
    const config = loadConfig({ WAYMARK_DATA_DIR: dir })
    assert.equal(config.databaseUrl, undefined)
    assert.equal(config.port, 3000)
    assert.equal(config.seedDemo, true)
    assert.equal(config.sessionSecret.length, 64)
  })

  it('keeps the generated development secret in the data folder so sessions survive restarts', () => {
    const dir = tmp()
    const first = loadConfig({ WAYMARK_DATA_DIR: dir })
    const second = loadConfig({ WAYMARK_DATA_DIR: dir })
    assert.equal(first.sessionSecret, second.sessionSecret)
    assert.equal(readFileSync(path.join(dir, 'session-secret'), 'utf8'), first.sessionSecret)
  })

  it('names an unknown Waymark setting instead of ignoring it', () => {
    assert.throws(
      () => loadConfig({ WAYMARK_DATA_DIR: tmp(), WAYMARK_SESSON_SECRET: 'typo' }),
      (error: unknown) => error instanceof ConfigError && error.message.includes('WAYMARK_SESSON_SECRET'),
    )
  })

  it('names a malformed value', () => {
    assert.throws(
      () => loadConfig({ WAYMARK_DATA_DIR: tmp(), PORT: 'eighty' }),
      (error: unknown) => error instanceof ConfigError && error.message.includes('PORT'),
    )
    assert.throws(
      () => loadConfig({ WAYMARK_DATA_DIR: tmp(), DATABASE_URL: 'mysql://x' }),
      (error: unknown) => error instanceof ConfigError && error.message.includes('DATABASE_URL'),
    )
  })

  it('takes the NHS webfont from assets.nhs.uk, an installation’s own copy, or nowhere', () => {
    assert.equal(loadConfig({ WAYMARK_DATA_DIR: tmp() }).fontUrl, 'https://assets.nhs.uk/fonts/')
    assert.equal(loadConfig({ WAYMARK_DATA_DIR: tmp(), WAYMARK_FONT_URL: 'none' }).fontUrl, null)
    assert.equal(loadConfig({ WAYMARK_DATA_DIR: tmp(), WAYMARK_FONT_URL: '/static/fonts/' }).fontUrl, '/static/fonts/')
    assert.throws(
      () => loadConfig({ WAYMARK_DATA_DIR: tmp(), WAYMARK_FONT_URL: 'fonts' }),
      (error: unknown) => error instanceof ConfigError && error.message.includes('WAYMARK_FONT_URL'),
    )
  })

  it('requires a session secret in production and does not seed demo data there', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', WAYMARK_DATA_DIR: tmp() }),
      (error: unknown) => error instanceof ConfigError && error.message.includes('WAYMARK_SESSION_SECRET'),
    )
    const config = loadConfig({
      NODE_ENV: 'production',
      WAYMARK_SESSION_SECRET: 'x'.repeat(40),
      WAYMARK_DATA_DIR: tmp(),
    })
    assert.equal(config.seedDemo, false)
    assert.equal(config.secureCookies, true)
  })

  it('ignores the test and benchmark tooling variables', () => {
    const config = loadConfig({
      WAYMARK_DATA_DIR: tmp(),
      WAYMARK_TEST_ONLY: 'unit',
      WAYMARK_REQUIRE_ALL: '1',
      WAYMARK_BENCH_POSTGRES_URL: 'x',
    })
    assert.equal(config.port, 3000)
  })

  it('ignores environment variables that are not Waymark settings', () => {
    const config = loadConfig({ WAYMARK_DATA_DIR: tmp(), PATH: '/usr/bin', HOME: '/root' })
    assert.equal(config.host, '127.0.0.1')
  })
  it('reads reports from a replica only beside a PostgreSQL primary', () => {
    const replica = 'postgres://reports@replica.internal:5432/waymark'
    assert.equal(loadConfig({ WAYMARK_DATA_DIR: tmp() }).databaseReplicaUrl, undefined)
    assert.equal(
      loadConfig({ WAYMARK_DATA_DIR: tmp(), DATABASE_URL: 'postgres://primary/waymark', DATABASE_REPLICA_URL: replica })
        .databaseReplicaUrl,
      replica,
    )
    assert.throws(() => loadConfig({ WAYMARK_DATA_DIR: tmp(), DATABASE_REPLICA_URL: replica }), /needs DATABASE_URL/)
    assert.throws(
      () => loadConfig({ WAYMARK_DATA_DIR: tmp(), DATABASE_URL: 'postgres://p/w', DATABASE_REPLICA_URL: 'mysql://r' }),
      /DATABASE_REPLICA_URL: must start with postgres/,
    )
  })
  it('turns OpenID Connect on with its issuer, client and secret, and refuses a plain-http provider in production', () => {
    const oidc = {
      WAYMARK_OIDC_ISSUER: 'https://login.example.nhs.uk/',
      WAYMARK_OIDC_CLIENT_ID: 'waymark',
      WAYMARK_OIDC_CLIENT_SECRET: 'secret',
    }
    assert.equal(loadConfig({ WAYMARK_DATA_DIR: tmp() }).oidc, undefined)
    assert.deepEqual(loadConfig({ WAYMARK_DATA_DIR: tmp(), ...oidc, WAYMARK_OIDC_LABEL: 'NHS CIS2' }).oidc, {
      issuer: oidc.WAYMARK_OIDC_ISSUER,
      clientId: 'waymark',
      clientAuth: { kind: 'secret', secret: 'secret' },
      label: 'NHS CIS2',
    })
    assert.throws(
      () => loadConfig({ WAYMARK_DATA_DIR: tmp(), WAYMARK_OIDC_ISSUER: oidc.WAYMARK_OIDC_ISSUER }),
      /set them together, or none/,
    )
    assert.throws(
      () =>
        loadConfig({
          NODE_ENV: 'production',
          WAYMARK_DATA_DIR: tmp(),
          WAYMARK_SESSION_SECRET: 'x'.repeat(32),
          ...oidc,
          WAYMARK_OIDC_ISSUER: 'http://login.example/',
        }),
      /must be https in production/,
    )
  })
  it("accepts the operator commands' own settings, which the server does not use", () => {
    assert.doesNotThrow(() =>
      loadConfig({ WAYMARK_DATA_DIR: tmp(), WAYMARK_MOVE_TO: 'postgres://u:p@db/waymark', WAYMARK_NEW_PASSWORD: 'x' }),
    )
  })
  it('signs client assertions with a private key instead of a secret (NHS CIS2), checking key and algorithm', () => {
    const dir = tmp()
    const rsaFile = path.join(dir, 'rsa.pem')
    const ecFile = path.join(dir, 'ec.pem')
    writeFileSync(
      rsaFile,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    )
    writeFileSync(
      ecFile,
      generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    )
    const base = {
      WAYMARK_DATA_DIR: dir,
      WAYMARK_OIDC_ISSUER: 'https://login.example.nhs.uk/',
      WAYMARK_OIDC_CLIENT_ID: 'waymark',
    }
    const rsa = loadConfig({
      ...base,
      WAYMARK_OIDC_PRIVATE_KEY_FILE: rsaFile,
      WAYMARK_OIDC_KEY_ID: 'waymark-2026',
    }).oidc
    assert.deepEqual(rsa?.clientAuth.kind === 'private-key-jwt' && [rsa.clientAuth.algorithm, rsa.clientAuth.keyId], [
      'RS512',
      'waymark-2026',
    ])
    const ec = loadConfig({ ...base, WAYMARK_OIDC_PRIVATE_KEY_FILE: ecFile }).oidc
    assert.deepEqual(ec?.clientAuth.kind === 'private-key-jwt' && [ec.clientAuth.algorithm, ec.clientAuth.keyId], [
      'ES384',
      null,
    ])
    assert.throws(
      () => loadConfig({ ...base, WAYMARK_OIDC_PRIVATE_KEY_FILE: ecFile, WAYMARK_OIDC_SIGNING_ALG: 'ES256' }),
      /ES256 does not suit a ec key/,
    )
    assert.throws(
      () => loadConfig({ ...base, WAYMARK_OIDC_PRIVATE_KEY_FILE: rsaFile, WAYMARK_OIDC_SIGNING_ALG: 'ES512' }),
      /does not suit a rsa key/,
    )
    assert.throws(
      () => loadConfig({ ...base, WAYMARK_OIDC_PRIVATE_KEY_FILE: path.join(dir, 'missing.pem') }),
      /missing.pem is not a readable PEM private key/,
    )
    assert.throws(
      () => loadConfig({ ...base, WAYMARK_OIDC_PRIVATE_KEY_FILE: rsaFile, WAYMARK_OIDC_CLIENT_SECRET: 'secret' }),
      /one of WAYMARK_OIDC_CLIENT_SECRET or WAYMARK_OIDC_PRIVATE_KEY_FILE/,
    )
  })
})

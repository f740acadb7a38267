// SPDX-License-Identifier: AGPL-3.0-or-later
import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'

/** JWS algorithms a signed client assertion may use (private_key_jwt). */
export const SIGNING_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const
export type SigningAlg = (typeof SIGNING_ALGS)[number]

/** How Waymark authenticates to an OpenID Connect provider's token endpoint. */
export type OidcClientAuth =
  | { readonly kind: 'secret'; readonly secret: string }
  | {
      readonly kind: 'private-key-jwt'
      readonly privateKeyPem: string
      readonly keyId: string | null
      readonly algorithm: SigningAlg
    }

const booleanFromString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    // A streaming replica of DATABASE_URL that reports and dashboards read from (issue #15).
    DATABASE_REPLICA_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    WAYMARK_DATA_DIR: z.string().min(1).default('./data'),
    WAYMARK_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    WAYMARK_SEED_DEMO: booleanFromString.optional(),
    WAYMARK_PUBLIC_URL: z.url().optional(),
    WAYMARK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WAYMARK_SECURE_COOKIES: booleanFromString.optional(),
    WAYMARK_SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    WAYMARK_EMAIL_FROM: z.email().default('waymark@localhost'),
    // GOV.UK Notify: texts (and email, when an email template is given, instead of SMTP). Each template has one
    // ((message)) placeholder (and the email one a ((subject))): the app writes the words.
    WAYMARK_NOTIFY_API_KEY: z
      .string()
      .regex(/-[0-9a-f-]{36}-[0-9a-f-]{36}$/, 'must be a GOV.UK Notify API key (name-service id-secret)')
      .optional(),
    WAYMARK_NOTIFY_URL: z.url().default('https://api.notifications.service.gov.uk'),
    WAYMARK_NOTIFY_TEXT_TEMPLATE: z.uuid().optional(),
    WAYMARK_NOTIFY_EMAIL_TEMPLATE: z.uuid().optional(),
    WAYMARK_CONTACT_TARGET_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
    WAYMARK_DIRECTORY_FRESHNESS_DAYS: z.coerce.number().int().min(1).max(730).default(90),
    WAYMARK_CONNECTION_NUDGE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
    WAYMARK_CONNECTION_UNANSWERED_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
    WAYMARK_CONNECTION_DROP_OFF_WEEKS: z.coerce.number().int().min(1).max(52).default(4),
    // Years without activity after which a person's record is anonymised (issue 13); "off" keeps records for ever.
    // At least 3: reports offer the last two financial years, which an anonymised record never falls in.
    WAYMARK_RETENTION_YEARS: z.union([z.literal('off'), z.coerce.number().int().min(3).max(100)]).default(8),
    WAYMARK_JOBS: booleanFromString.optional(),
    // App processes on this machine sharing the port (node:cluster): a number, or "auto" for one per core.
    WAYMARK_PROCESSES: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
    // Read only by the operator CLI (create-user, reset-password), so a password stays out of shell history.
    WAYMARK_NEW_PASSWORD: z.string().optional(),
    // Read only by `waymark move-to-postgres`: the target's address, which may carry a password.
    WAYMARK_MOVE_TO: z.string().optional(),
    // OpenID Connect sign-in (NHS CIS2, Microsoft Entra ID or any certified provider): all three turn it on.
    WAYMARK_OIDC_ISSUER: z.url().optional(),
    WAYMARK_OIDC_CLIENT_ID: z.string().min(1).optional(),
    WAYMARK_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    // Or, instead of a secret, a signed client assertion (private_key_jwt, which NHS CIS2 requires): the private key's
    // PEM file, the key id registered with the provider, and the signing algorithm (default RS512 for RSA keys).
    WAYMARK_OIDC_PRIVATE_KEY_FILE: z.string().min(1).optional(),
    WAYMARK_OIDC_KEY_ID: z.string().min(1).max(200).optional(),
    WAYMARK_OIDC_SIGNING_ALG: z.enum(SIGNING_ALGS).optional(),
    WAYMARK_OIDC_LABEL: z.string().min(1).max(60).default('your organisation’s account'),
    // The bearer token Prometheus sends to /metrics; without one /metrics is off.
    WAYMARK_METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    WAYMARK_FORM_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
    WAYMARK_API_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(300),
    WAYMARK_ORUK_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(3000),
    WAYMARK_REPORT_SUPPRESS_BELOW: z.coerce.number().int().min(1).max(100).default(8),
    WAYMARK_REPORT_ROUND_TO: z.coerce.number().int().min(1).max(100).default(5),
    WAYMARK_FONT_URL: z
      .union([z.literal('none'), z.url().endsWith('/', 'must end with /'), z.string().regex(/^\/[\w/.-]*\/$/)])
      .default('https://assets.nhs.uk/fonts/'),
  })
  .strict()

export type Environment = z.infer<typeof environmentSchema>

export interface Config {
  readonly env: Environment['NODE_ENV']
  readonly host: string
  readonly port: number
  /** Set when an external PostgreSQL is used; absent means the embedded database in `dataDir`. */
  readonly databaseUrl: string | undefined
  /** A read-only streaming replica for reports; absent means reports read the primary. */
  readonly databaseReplicaUrl: string | undefined
  readonly dataDir: string
  readonly sessionSecret: string
  readonly seedDemo: boolean
  readonly publicUrl: string
  readonly notify: {
    readonly apiKey: string | undefined
    readonly url: string
    readonly textTemplateId: string | undefined
    readonly emailTemplateId: string | undefined
  }
  readonly logLevel: Environment['WAYMARK_LOG_LEVEL']
  readonly secureCookies: boolean
  readonly smtpUrl: string | undefined
  readonly emailFrom: string
  readonly contactTargetWorkingDays: number
  readonly directoryFreshnessDays: number
  /** When a community group that has not answered is reminded and flagged, and when someone has dropped off. */
  readonly connectionFollowUp: {
    readonly nudgeWorkingDays: number
    readonly unansweredWorkingDays: number
    readonly dropOffWeeks: number
  }
  /** Years without activity before a person's record is anonymised; null: never. */
  readonly retentionYears: number | null
  readonly runJobs: boolean
  /** App processes serving requests (ADR 0017): more than one needs an external PostgreSQL. */
  readonly processes: number
  /**
   * OpenID Connect sign-in (ADR 0007): the provider's issuer URL, this app's client, and the words on the button
   * ("Sign in with NHS CIS2"). Undefined leaves only email and password.
   */
  readonly oidc:
    | {
        readonly issuer: string
        readonly clientId: string
        /** How this app proves itself to the provider's token endpoint. */
        readonly clientAuth: OidcClientAuth
        readonly label: string
      }
    | undefined
  /** The bearer token for /metrics (Prometheus); undefined leaves /metrics off. */
  readonly metricsToken: string | undefined
  /** Submissions per five minutes per address for sign-in and public forms. */
  readonly formRateLimit: number
  /** Requests per minute per API key on the machine APIs (/fhir). */
  readonly apiRateLimit: number
  /**
   * Requests per minute per address on the public ORUK feed: enough for an aggregator to page a whole region's
   * directory (100 k services at 50 a page is 2,000 requests) in a minute, and a bound on scrapers.
   */
  readonly orukRateLimit: number
  /**
   * Small-number suppression on commissioners' reports: counts from 1 to `below - 1` shown as "*", others rounded
   * to the nearest `roundTo` (default NHS Digital's HES rule: 1–7 hidden, nearest 5).
   */
  readonly reportSuppression: { readonly below: number; readonly roundTo: number }
  /**
   * Where the NHS webfont comes from: a folder URL (absolute or on this site), or null for none (an offline or
   * air-gapped installation then makes no font requests and uses Arial, the design system's fallback).
   */
  readonly fontUrl: string | null
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Waymark cannot start because of its configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

const KNOWN_PREFIX = 'WAYMARK_'
// Variables read by the developer tooling (test runner, benchmarks), not by the app: never an error.
const TOOLING_VARIABLE = /^WAYMARK_(TEST_|BENCH_|REQUIRE_ALL$|UPDATE_SNAPSHOTS$|SCREENSHOTS$)/
const OTHER_KEYS = ['NODE_ENV', 'HOST', 'PORT', 'DATABASE_URL', 'DATABASE_REPLICA_URL'] as const

/**
 * Reads and validates configuration from environment variables.
 * Any unknown `WAYMARK_*` variable or malformed value stops start-up with a message naming the setting.
 * @param source - the environment to read (defaults to `process.env`)
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const relevant: Record<string, string> = {}
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined || value === '' || TOOLING_VARIABLE.test(key)) continue
    if (key.startsWith(KNOWN_PREFIX) || (OTHER_KEYS as readonly string[]).includes(key)) relevant[key] = value
  }
  const parsed = environmentSchema.safeParse(relevant)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        if (issue.code === 'unrecognized_keys')
          return `${issue.keys.join(', ')}: not a Waymark setting (check the spelling)`
        return `${issue.path.join('.')}: ${issue.message}`
      }),
    )
  }
  const env = parsed.data
  const production = env.NODE_ENV === 'production'
  const dataDir = path.resolve(env.WAYMARK_DATA_DIR)

  const processes = env.WAYMARK_PROCESSES === 'auto' ? os.availableParallelism() : env.WAYMARK_PROCESSES
  if (processes > 1 && !env.DATABASE_URL)
    throw new ConfigError([
      'WAYMARK_PROCESSES: more than one process needs DATABASE_URL (the embedded database serves one process)',
    ])

  if (env.DATABASE_REPLICA_URL && !env.DATABASE_URL)
    throw new ConfigError(['DATABASE_REPLICA_URL: a replica needs DATABASE_URL (the embedded database has none)'])

  if (production && env.WAYMARK_OIDC_ISSUER?.startsWith('http:'))
    throw new ConfigError(['WAYMARK_OIDC_ISSUER: must be https in production'])
  const oidc = oidcFrom(env)

  let sessionSecret = env.WAYMARK_SESSION_SECRET
  if (!sessionSecret) {
    if (production) throw new ConfigError(['WAYMARK_SESSION_SECRET: required in production (at least 32 characters)'])
    sessionSecret = readOrCreateDevelopmentSecret(dataDir)
  }

  return Object.freeze({
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    databaseReplicaUrl: env.DATABASE_REPLICA_URL,
    dataDir,
    sessionSecret,
    seedDemo: env.WAYMARK_SEED_DEMO ?? !production,
    publicUrl: env.WAYMARK_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    logLevel: env.WAYMARK_LOG_LEVEL,
    secureCookies: env.WAYMARK_SECURE_COOKIES ?? production,
    smtpUrl: env.WAYMARK_SMTP_URL,
    emailFrom: env.WAYMARK_EMAIL_FROM,
    notify: {
      apiKey: env.WAYMARK_NOTIFY_API_KEY,
      url: env.WAYMARK_NOTIFY_URL,
      textTemplateId: env.WAYMARK_NOTIFY_TEXT_TEMPLATE,
      emailTemplateId: env.WAYMARK_NOTIFY_EMAIL_TEMPLATE,
    },
    contactTargetWorkingDays: env.WAYMARK_CONTACT_TARGET_WORKING_DAYS,
    directoryFreshnessDays: env.WAYMARK_DIRECTORY_FRESHNESS_DAYS,
    connectionFollowUp: {
      nudgeWorkingDays: env.WAYMARK_CONNECTION_NUDGE_WORKING_DAYS,
      unansweredWorkingDays: env.WAYMARK_CONNECTION_UNANSWERED_WORKING_DAYS,
      dropOffWeeks: env.WAYMARK_CONNECTION_DROP_OFF_WEEKS,
    },
    retentionYears: env.WAYMARK_RETENTION_YEARS === 'off' ? null : env.WAYMARK_RETENTION_YEARS,
    runJobs: env.WAYMARK_JOBS ?? env.NODE_ENV !== 'test',
    processes,
    oidc,
    metricsToken: env.WAYMARK_METRICS_TOKEN,
    formRateLimit: env.WAYMARK_FORM_RATE_LIMIT,
    apiRateLimit: env.WAYMARK_API_RATE_LIMIT,
    orukRateLimit: env.WAYMARK_ORUK_RATE_LIMIT,
    reportSuppression: { below: env.WAYMARK_REPORT_SUPPRESS_BELOW, roundTo: env.WAYMARK_REPORT_ROUND_TO },
    fontUrl: env.WAYMARK_FONT_URL === 'none' ? null : env.WAYMARK_FONT_URL,
  })
}

// In development the secret lives beside the data so sessions survive restarts without any setup.
function readOrCreateDevelopmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

/** Key and algorithm settings for a signed client assertion, checked against each other here, not at sign-in. */
function oidcFrom(env: Environment): Config['oidc'] {
  const { WAYMARK_OIDC_ISSUER: issuer, WAYMARK_OIDC_CLIENT_ID: clientId } = env
  const secret = env.WAYMARK_OIDC_CLIENT_SECRET
  const keyFile = env.WAYMARK_OIDC_PRIVATE_KEY_FILE
  const any = [issuer, clientId, secret, keyFile, env.WAYMARK_OIDC_KEY_ID].some(Boolean)
  if (!any) return undefined
  if (!issuer || !clientId || !secret === !keyFile)
    throw new ConfigError([
      'WAYMARK_OIDC_ISSUER, WAYMARK_OIDC_CLIENT_ID and one of WAYMARK_OIDC_CLIENT_SECRET or WAYMARK_OIDC_PRIVATE_KEY_FILE: set them together, or none',
    ])
  const label = env.WAYMARK_OIDC_LABEL
  if (secret) return { issuer, clientId, clientAuth: { kind: 'secret', secret }, label }
  let privateKeyPem: string
  let key: KeyObject
  try {
    privateKeyPem = readFileSync(keyFile!, 'utf8')
    key = createPrivateKey(privateKeyPem)
  } catch {
    throw new ConfigError([`WAYMARK_OIDC_PRIVATE_KEY_FILE: ${keyFile} is not a readable PEM private key`])
  }
  const algorithm = env.WAYMARK_OIDC_SIGNING_ALG ?? defaultAlgorithmFor(key)
  if (!algorithm || !algorithmFitsKey(algorithm, key))
    throw new ConfigError([
      `WAYMARK_OIDC_SIGNING_ALG: ${algorithm ?? 'no default'} does not suit a ${key.asymmetricKeyType} key (RSA: RS256–RS512 or PS256–PS512; EC: ES256, ES384 or ES512 by curve)`,
    ])
  const keyId = env.WAYMARK_OIDC_KEY_ID ?? null
  return { issuer, clientId, clientAuth: { kind: 'private-key-jwt', privateKeyPem, keyId, algorithm }, label }
}

const EC_CURVES: Record<string, SigningAlg> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' }

function defaultAlgorithmFor(key: KeyObject): SigningAlg | undefined {
  if (key.asymmetricKeyType === 'rsa') return 'RS512'
  if (key.asymmetricKeyType === 'ec') return EC_CURVES[key.asymmetricKeyDetails?.namedCurve ?? '']
  return undefined
}

function algorithmFitsKey(algorithm: SigningAlg, key: KeyObject): boolean {
  if (key.asymmetricKeyType === 'rsa') return /^(RS|PS)/.test(algorithm)
  if (key.asymmetricKeyType === 'ec') return EC_CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''] === algorithm
  return false
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Config } from './config.ts'
import { apiClientsModule } from './modules/api-clients/index.ts'
import { fhirModule } from './modules/referrals/fhir/index.ts'
import { auditModule } from './modules/audit/index.ts'
import { caseworkModule } from './modules/casework/index.ts'
import { connectionsModule } from './modules/connections/index.ts'
import { outcomesModule } from './modules/outcomes/index.ts'
import { directoryModule } from './modules/directory/index.ts'
import { orukModule } from './modules/directory/oruk/index.ts'
import { createActorResolver, identityModule } from './modules/identity/index.ts'
import { plansModule } from './modules/plans/index.ts'
import { referralsModule } from './modules/referrals/index.ts'
import { reportingModule } from './modules/reporting/index.ts'
import { siteModule } from './modules/site/index.ts'
import { enforceRouteAccess, type RouteAccessEntry } from './platform/auth/access.ts'
import { connectDatabase, type Database } from './platform/db/database.ts'
import { createEmailSender, type EmailSender } from './platform/email/email.ts'
import { registerErrorHandling } from './platform/http/error-handler.ts'
import { createNotifyEmailSender, createTextSender, type TextSender } from './platform/notify/notify.ts'
import { registerHealthRoutes } from './platform/http/health.ts'
import { registerRequestContext } from './platform/http/request-context.ts'
import { checkRouteParams } from './platform/http/route-params.ts'
import { disabledJobs, type Jobs } from './platform/jobs/jobs.ts'
import { loggerOptions } from './platform/logging/logging.ts'
import { registerMetrics } from './platform/metrics/metrics.ts'
import type { HomeAction, ModuleContext, WaymarkModule } from './platform/module.ts'
import { registerSecurity } from './platform/security/security.ts'
import { fontOrigin, loadNhsukStylesheet } from './platform/views/stylesheet.ts'
import type { NavigationItem } from './platform/views/navigation.ts'
import { registerPageRendering } from './platform/views/render.ts'
import { createViewEnvironment, NHSUK_FRONTEND_DIR } from './platform/views/views.ts'

/** Every domain module, in one explicit list: this is the app's route map. */
export const MODULES: readonly WaymarkModule[] = [
  siteModule,
  identityModule,
  apiClientsModule,
  directoryModule,
  orukModule,
  referralsModule,
  fhirModule,
  caseworkModule,
  plansModule,
  connectionsModule,
  outcomesModule,
  reportingModule,
  auditModule,
]

const PUBLIC_DIR = fileURLToPath(new URL('../public', import.meta.url))
const NHSUK_DIST = path.join(NHSUK_FRONTEND_DIR, 'dist/nhsuk')
const CORRELATION_ID = /^[A-Za-z0-9._-]{8,64}$/

export interface AppDependencies {
  config: Config
  db: Database
  /** Where reports read (a replica); defaults to `db`. */
  reportDb?: Database
  email?: EmailSender
  texts?: TextSender
  jobs?: Jobs
  /** Logger options (tests pass `false`), or a ready pino logger shared with the job queue. */
  logger?: FastifyServerOptions['logger']
  loggerInstance?: FastifyBaseLogger
  /** Migrations expected by /readyz. */
  expectedMigrations?: number
}

export interface BuiltApp {
  app: FastifyInstance
  /** Every route with its access declaration, for the review snapshot. */
  routeTable: RouteAccessEntry[]
  context: ModuleContext
}

/** What every module is given: settings, the database, the email and text senders, and the jobs. */
export function createModuleContext(
  deps: Pick<AppDependencies, 'config' | 'db' | 'reportDb' | 'email' | 'texts' | 'jobs'>,
  log: FastifyBaseLogger,
  homeActions: HomeAction[] = [],
): ModuleContext {
  return {
    config: deps.config,
    db: deps.db,
    reportDb: deps.reportDb ?? deps.db,
    email:
      deps.email ??
      createNotifyEmailSender(deps.config.notify) ??
      createEmailSender({ smtpUrl: deps.config.smtpUrl, from: deps.config.emailFrom, log }),
    texts: deps.texts ?? createTextSender(deps.config.notify),
    jobs: deps.jobs ?? disabledJobs(log),
    homeActions,
    subjectAccess: MODULES.flatMap((m) => (m.subjectAccess ? [m.subjectAccess] : [])),
    retention: MODULES.flatMap((m) => (m.retention ? [m.retention] : [])),
  }
}

/**
 * Gives every module's scheduled work to the job queue, in the process that runs the jobs: the only process, or
 * the primary of several (ADR 0017), which serves no pages.
 */
export async function registerModuleJobs(context: ModuleContext): Promise<void> {
  if (context.jobs.running) for (const module of MODULES) await module.registerJobs?.(context.jobs, context)
}

/**
 * Builds the Waymark application: platform plugins first (security, context, access, views, errors),
 * then each module's routes. Does not listen; `server.ts` does, tests use `app.inject()`.
 */
export async function buildApp(deps: AppDependencies): Promise<BuiltApp> {
  const app = Fastify({
    ...(deps.loggerInstance
      ? { loggerInstance: deps.loggerInstance }
      : { logger: deps.logger ?? loggerOptions(deps.config.logLevel) }),
    genReqId: (request) => {
      const incoming = request.headers['x-correlation-id']
      return typeof incoming === 'string' && CORRELATION_ID.test(incoming) ? incoming : randomUUID()
    },
    trustProxy: deps.config.env === 'production',
    bodyLimit: 1024 * 1024,
  })

  await registerSecurity(app, {
    sessionSecret: deps.config.sessionSecret,
    secureCookies: deps.config.secureCookies,
    fontOrigin: fontOrigin(deps.config.fontUrl),
    db: deps.db,
  })
  registerRequestContext(app, deps.db, createActorResolver(deps.db))
  // Before the access hook, so its check runs after the access check (a signed-out visitor is sent to sign in).
  checkRouteParams(app)
  const routeTable = enforceRouteAccess(app, async (request, reply) => {
    await new Promise<void>((resolve, reject) => {
      app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()))
    })
  })

  const navigation: NavigationItem[] = MODULES.flatMap((m) => m.navigation ?? [])
  const homeActions: HomeAction[] = MODULES.flatMap((m) => m.homeActions ?? [])
  registerPageRendering(app, createViewEnvironment({ watch: false }), navigation)
  registerErrorHandling(app)

  await app.register(fastifyStatic, { root: PUBLIC_DIR, serve: false })
  const staticOptions = { config: { access: 'public' as const } }
  app.get('/static/*', staticOptions, (request, reply) =>
    reply.sendFile((request.params as { '*': string })['*'], PUBLIC_DIR, { maxAge: '1h' }),
  )
  // The design system's compiled CSS and JS live in dist/nhsuk, its images and icons in dist/nhsuk/assets;
  // its stylesheet refers to both under /assets/.
  const stylesheet = loadNhsukStylesheet(NHSUK_DIST, deps.config.fontUrl)
  app.get('/assets/*', staticOptions, (request, reply) => {
    const file = (request.params as { '*': string })['*']
    if (file === 'nhsuk-frontend.min.css')
      return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(stylesheet)
    const root = /^(nhsuk-frontend[\w.-]*\.(css|js)(\.map)?)$/.test(file) ? NHSUK_DIST : path.join(NHSUK_DIST, 'assets')
    return reply.sendFile(file, root, { maxAge: '1d' })
  })

  // Reports read a streaming replica when one is configured (its own small pool, closed with the app).
  const replica =
    !deps.reportDb && deps.config.databaseReplicaUrl ? connectDatabase(deps.config.databaseReplicaUrl, 4) : null
  if (replica) app.addHook('onClose', () => replica.close())
  const context = createModuleContext({ ...deps, reportDb: deps.reportDb ?? replica?.db }, app.log, homeActions)
  registerHealthRoutes(app, deps.db, deps.expectedMigrations ?? 0)
  registerMetrics(app, { db: deps.db, jobs: context.jobs, token: deps.config.metricsToken })
  for (const module of MODULES) await module.registerRoutes(app, context)
  await registerModuleJobs(context)

  await app.ready()
  return { app, routeTable, context }
}

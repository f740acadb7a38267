// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.ts'
import type { Role } from './auth/roles.ts'
import type { Database } from './db/database.ts'
import type { AnyScope, OrgScope, TxScope } from './db/org-scope.ts'
import type { EmailSender } from './email/email.ts'
import type { Jobs } from './jobs/jobs.ts'
import type { TextSender } from './notify/notify.ts'
import type { NavigationItem } from './views/navigation.ts'

/** A next step offered on a role's home page. */
export interface HomeAction {
  readonly href: string
  readonly title: string
  readonly description: string
  readonly roles: readonly Role[]
  readonly order: number
}

/** Whose records a subject access export gathers: the person's records (theirs and any merged into them), and the
 * casework episodes of their referrals. */
export interface SubjectIds {
  readonly personIds: readonly string[]
  readonly episodeIds: readonly string[]
}

/** One kind of record a module holds about a person, every row as stored (internal keys and secrets left out). */
export interface HeldRecords {
  readonly title: string
  readonly rows: readonly Record<string, unknown>[]
}

/** A module's part of a person's subject access export (UK GDPR article 15). */
export type SubjectAccessSource = (scope: OrgScope, subject: SubjectIds) => Promise<HeldRecords[]>

/**
 * A module's part in the retention schedule (issue 13): people whose records have had no activity for the
 * retention period are anonymised, each module clearing what identifies them in its own rows while keeping the
 * rows themselves (dates, codes, statuses, scores), so every count and figure in the reports stays as it was.
 */
export interface RetentionPart {
  /** Of these people, those the module still holds something open for, or has changed since `since`: kept. */
  readonly stillActive?: (scope: AnyScope, personIds: readonly string[], since: Date) => Promise<readonly string[]>
  /** Clears the free text and identifiers the module holds about these people. @returns rows changed */
  readonly anonymise: (scope: TxScope, subject: SubjectIds) => Promise<number>
}

/** What every module receives when it registers its routes. */
export interface ModuleContext {
  readonly config: Config
  readonly db: Database
  /** Where reports read from: a streaming replica when DATABASE_REPLICA_URL is set, else `db`. */
  readonly reportDb: Database
  readonly email: EmailSender
  readonly texts: TextSender
  readonly jobs: Jobs
  /** Every module's home-page actions, for the home page to show. */
  readonly homeActions: readonly HomeAction[]
  /** Every module's part of a subject access export, in the order of the app's module list. */
  readonly subjectAccess: readonly SubjectAccessSource[]
  /** Every module's part in the retention schedule, in the order of the app's module list. */
  readonly retention: readonly RetentionPart[]
}

/**
 * A domain module as the app sees it: its routes, its header links and its home-page actions.
 * Modules are listed explicitly in `app.ts`, so the route map is readable in one place.
 */
export interface WaymarkModule {
  readonly name: string
  readonly navigation?: readonly NavigationItem[]
  readonly homeActions?: readonly HomeAction[]
  registerRoutes(app: FastifyInstance, context: ModuleContext): Promise<void>
  /** What the module holds about a person, for their subject access export. */
  readonly subjectAccess?: SubjectAccessSource
  /** How the module keeps and anonymises a person's records under the retention schedule. */
  readonly retention?: RetentionPart
  /** Registers scheduled and queued job handlers (called only when jobs run in this process). */
  registerJobs?(jobs: Jobs, context: ModuleContext): Promise<void>
}

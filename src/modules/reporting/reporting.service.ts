// SPDX-License-Identifier: AGPL-3.0-or-later
// Who may count what (issue #14): a supervisor counts their own service, exactly; a commissioner counts every
// social prescribing service in their area, with small numbers suppressed. Reports read other modules' count
// functions through their index, never a repository, and never return a row about a person.
import type { Actor } from '../../platform/auth/actor.ts'
import type { Database } from '../../platform/db/database.ts'
import { createReportScope } from '../../platform/db/org-scope.ts'
import { listOrganisationsByIds, listOrganisationsInArea } from '../identity/index.ts'
import { countUnmetNeeds, countUptake } from '../connections/index.ts'
import { listServiceStates } from '../directory/index.ts'
import { summariseOutcomeChange, summariseServiceUse } from '../outcomes/index.ts'
import { countReferralActivity } from '../referrals/index.ts'
import { buildActivityReport, type ActivityReport } from './activity-report.ts'
import { buildEquityTables } from './equity-report.ts'
import { buildOutcomesTable, buildServiceUseTable } from './outcomes-report.ts'
import { buildUnmetNeedTables } from './unmet-needs-report.ts'
import { buildReturnTables, type ReturnCosts } from './return-report.ts'
import { buildDemandTable, buildUptakeTable } from './uptake-report.ts'
import type { Period } from './period.ts'
import { ReportingError } from './reporting.errors.ts'
import { NO_SUPPRESSION, type SuppressionRule } from './suppression.ts'

/** What a reader may count: the services, and the rule their figures are shown under. */
export interface ReportReader {
  readonly kind: 'service' | 'commissioner'
  /** The reader's area, whose directory the services connect people to. */
  readonly areaId: string
  readonly services: readonly { id: string; name: string }[]
  readonly rule: SuppressionRule
}

/**
 * The services a signed-in reader may count across. A commissioner's are the social prescribing services of the
 * commissioner's area; a supervisor's, their own. Anyone else has none (the route's access has already refused
 * them; this is the second lock).
 */
export async function reportReaderFor(
  db: Database,
  actor: Actor,
  commissionerRule: SuppressionRule,
): Promise<ReportReader> {
  const organisation = actor.organisation
  if (organisation && actor.roles.includes('commissioner')) {
    const services = await listOrganisationsInArea(db, organisation.areaId, 'social-prescribing-service')
    return {
      kind: 'commissioner',
      areaId: organisation.areaId,
      services: services.map(({ id, name }) => ({ id, name })),
      rule: commissionerRule,
    }
  }
  if (organisation && actor.roles.includes('supervisor') && organisation.type === 'social-prescribing-service') {
    return {
      kind: 'service',
      areaId: organisation.areaId,
      services: [{ id: organisation.id, name: organisation.name }],
      rule: NO_SUPPRESSION,
    }
  }
  throw new ReportingError('REPORTING_NO_SERVICES')
}

/** The activity and outcomes report for the reader's services (or the one chosen among them) over the period. */
export async function activityReport(
  db: Database,
  reader: ReportReader,
  period: Period,
  serviceId: string | undefined,
  today: string,
  costs?: ReturnCosts,
): Promise<ActivityReport> {
  const serviceIds = serviceId ? [serviceId] : reader.services.map((service) => service.id)
  if (serviceIds.some((id) => !reader.services.some((service) => service.id === id))) {
    throw new ReportingError('REPORTING_NO_SERVICES')
  }
  const scope = createReportScope(db, serviceIds)
  const [activity, outcomes, serviceUse, unmet, uptake] = await Promise.all([
    countReferralActivity(scope, period, today),
    summariseOutcomeChange(scope, period),
    summariseServiceUse(scope, period),
    countUnmetNeeds(scope, period),
    countUptake(scope, period),
  ])
  const referrerIds = [...new Set(activity.byReferrer.flatMap((row) => row.referrerOrganisationId ?? []))]
  const names = new Map(reader.services.map((service) => [service.id, service.name]))
  const [referrers, places] = await Promise.all([
    listOrganisationsByIds(db, referrerIds),
    listServiceStates(
      { db, areaId: reader.areaId },
      uptake.map((u) => u.directoryServiceId),
    ),
  ])
  for (const organisation of referrers) names.set(organisation.id, organisation.name)
  const report = buildActivityReport(activity, period, names, serviceIds, reader.rule)
  return {
    ...report,
    tables: [
      ...report.tables,
      ...buildEquityTables(activity.equity, reader.rule),
      buildUptakeTable(uptake, reader.rule),
      buildDemandTable(uptake, places, period, reader.rule),
      buildOutcomesTable(outcomes, reader.rule),
      buildServiceUseTable(serviceUse, reader.rule),
      ...(costs ? buildReturnTables(serviceUse, costs, reader.rule) : []),
      ...buildUnmetNeedTables(unmet, reader.rule),
    ],
  }
}

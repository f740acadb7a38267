// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from 'fastify'
import type { Role } from '../../platform/auth/roles.ts'
import type { Jobs } from '../../platform/jobs/jobs.ts'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { FRESHNESS_CRON, FRESHNESS_QUEUE, sendFreshnessReminders } from './freshness.job.ts'
import { ensureReferenceTaxonomies } from './taxonomy.service.ts'
import {
  showPublicFeedback,
  showStaffFeedback,
  submitPublicFeedback,
  submitStaffFeedback,
} from './web/feedback/feedback.handler.ts'
import { showChange, showHistory, submitApprove, submitReject } from './web/history/history.handler.ts'
import { showEditListing, showNewListing, submitEditListing, submitNewListing } from './web/listing/listing.handler.ts'
import { showEditOrganization, submitEditOrganization } from './web/organization/organization.handler.ts'
import { showManage, submitSendLink, submitStatus, submitVerify } from './web/manage/manage.handler.ts'
import { showProviderUpdate, submitProviderConfirm, submitProviderUpdate } from './web/provider/provider.handler.ts'
import { showSearch } from './web/search/search.handler.ts'
import { showService } from './web/service/service.handler.ts'
import { downloadSheet, showSheet, showSignpost, submitSignpost } from './web/signpost/signpost.handler.ts'

export { importPostcodesFromCsv, lookUpPostcode, type PostcodeImportReport } from './postcodes.service.ts'
// National reference data (ONS postcodes with their deprivation decile), joined read-only by reports.
export { postcodes } from './directory.table.ts'
export {
  loadTaxonomy,
  ensureReferenceTaxonomies,
  type TaxonomyToLoad,
  type LoadedTaxonomy,
} from './taxonomy.service.ts'
export { listServiceStates, searchDirectory, searchNearby, type NearbyBranch } from './search.service.ts'
export { readListing, type ListingSnapshot } from './listing-snapshot.service.ts'
export {
  createListing,
  isServiceRunByProvider,
  linkServiceToProvider,
  listServicesRunByProvider,
} from './directory.service.ts'
export { sendFreshnessReminders } from './freshness.job.ts'
export { buildSheet, type SheetItem } from './sheet.ts'
export { countSignpostingsByNeed, type SignpostingCount } from './signposting.repository.ts'
export { seedDirectory, seedDemoDirectory, DEMO_POSTCODES_CSV } from './directory.seed.ts'
export * as directoryTables from './directory.table.ts'
export {
  REFERENCE_TAXONOMIES,
  FIVE_WAYS_TAXONOMY,
  NEEDS_TAXONOMY,
  ACCESSIBILITY_TAXONOMY,
  ESD_SERVICE_TYPES_TAXONOMY,
  LINK_TYPES,
  taxonomyIdFor,
  termIdFor,
  uuidV5,
} from './taxonomies.ts'

/** Everyone who suggests services to people; commissioners see reports only. */
export const DIRECTORY_READERS: readonly Role[] = [
  'referrer',
  'link-worker',
  'supervisor',
  'provider',
  'directory-editor',
  'administrator',
]
const readers = { roles: DIRECTORY_READERS } as const
const editors = { roles: ['directory-editor'] } as const

export const directoryModule: WaymarkModule = {
  name: 'directory',
  navigation: [{ href: '/directory', text: 'Directory', roles: [...DIRECTORY_READERS], order: 30 }],
  homeActions: [
    {
      href: '/directory',
      title: 'Find community services',
      description:
        'Search groups, clubs and advice near the person you are supporting, and give them a signposting sheet.',
      roles: ['referrer', 'link-worker', 'supervisor', 'administrator'],
      order: 30,
    },
    {
      href: '/directory',
      title: 'See the directory',
      description: 'See how your service appears to link workers and referrers, and find other local services.',
      roles: ['provider'],
      order: 30,
    },
    {
      href: '/directory/manage',
      title: 'Keep the directory right',
      description: 'Add and edit listings, review providers’ changes and check listings that are out of date.',
      roles: ['directory-editor'],
      order: 31,
    },
  ],
  async registerRoutes(app: FastifyInstance, { config, db, email }: ModuleContext) {
    await ensureReferenceTaxonomies(db)
    const publicForms = { max: config.formRateLimit, timeWindow: '5 minutes' }

    // Finding and signposting
    app.get('/directory', { config: { access: readers } }, showSearch(config))
    app.get('/directory/services/:id', { config: { access: readers } }, showService(config))
    app.get('/directory/signpost', { config: { access: readers } }, showSignpost(email))
    app.post('/directory/signpost', { config: { access: readers } }, submitSignpost(config, email))
    app.get('/directory/signpostings/:id', { config: { access: readers } }, showSheet(config))
    app.get('/directory/signpostings/:id/sheet.pdf', { config: { access: readers } }, downloadSheet(config))
    app.get('/directory/services/:id/feedback', { config: { access: readers } }, showStaffFeedback)
    app.post('/directory/services/:id/feedback', { config: { access: readers } }, submitStaffFeedback)

    // Editing (the editor's area)
    app.get('/directory/manage', { config: { access: editors } }, showManage(config))
    app.get('/directory/manage/services/new', { config: { access: editors } }, showNewListing)
    app.post('/directory/manage/services/new', { config: { access: editors } }, submitNewListing)
    app.get('/directory/manage/services/:id/edit', { config: { access: editors } }, showEditListing)
    app.post('/directory/manage/services/:id/edit', { config: { access: editors } }, submitEditListing)
    app.post('/directory/manage/services/:id/status', { config: { access: editors } }, submitStatus)
    app.post('/directory/manage/services/:id/verify', { config: { access: editors } }, submitVerify)
    app.post('/directory/manage/services/:id/send-link', { config: { access: editors } }, submitSendLink(config, email))
    app.get('/directory/manage/services/:id/history', { config: { access: editors } }, showHistory)
    app.get('/directory/manage/changes/:id', { config: { access: editors } }, showChange)
    app.post('/directory/manage/changes/:id/approve', { config: { access: editors } }, submitApprove)
    app.post('/directory/manage/changes/:id/reject', { config: { access: editors } }, submitReject)
    app.get('/directory/manage/organizations/:id/edit', { config: { access: editors } }, showEditOrganization)
    app.post('/directory/manage/organizations/:id/edit', { config: { access: editors } }, submitEditOrganization)

    // Providers (no account: the signed link is the credential) and the public feedback link
    app.get('/directory/update/:token', { config: { access: 'public' } }, showProviderUpdate(db))
    app.post(
      '/directory/update/:token',
      { config: { access: 'public', rateLimit: publicForms } },
      submitProviderUpdate(db),
    )
    app.post(
      '/directory/update/:token/confirm',
      { config: { access: 'public', rateLimit: publicForms } },
      submitProviderConfirm(db),
    )
    app.get(
      '/directory/feedback/:areaId/:serviceId/:signature',
      { config: { access: 'public' } },
      showPublicFeedback(config, db),
    )
    app.post(
      '/directory/feedback/:areaId/:serviceId/:signature',
      { config: { access: 'public', rateLimit: publicForms } },
      submitPublicFeedback(config, db),
    )
  },
  async registerJobs(jobs: Jobs, { config, db, email }: ModuleContext) {
    await jobs.work(FRESHNESS_QUEUE, async () => {
      await sendFreshnessReminders(db, email, config)
    })
    await jobs.schedule(FRESHNESS_QUEUE, FRESHNESS_CRON)
  },
}

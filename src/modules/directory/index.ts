// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from 'fastify'
import type { Role } from '../../platform/auth/roles.ts'
import type { Jobs } from '../../platform/jobs/jobs.ts'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { showSearch } from './web/search/search.handler.ts'
import { showService } from './web/service/service.handler.ts'
import { ensureReferenceTaxonomies } from './taxonomy.service.ts'

export { importPostcodesFromCsv, lookUpPostcode } from './postcodes.service.ts'
export { loadTaxonomy, ensureReferenceTaxonomies, type TaxonomyToLoad } from './taxonomy.service.ts'
export { searchDirectory, readListing, createListing } from './directory.service.ts'
export * as directoryTables from './directory.table.ts'
export {
  REFERENCE_TAXONOMIES,
  FIVE_WAYS_TAXONOMY,
  NEEDS_TAXONOMY,
  ACCESSIBILITY_TAXONOMY,
  ESD_SERVICE_TYPES_TAXONOMY,
  taxonomyIdFor,
  termIdFor,
  uuidV5,
} from './directory.ts'

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
      roles: ['referrer', 'link-worker', 'supervisor', 'provider', 'administrator'],
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
  async registerRoutes(app: FastifyInstance, { config, db }: ModuleContext) {
    await ensureReferenceTaxonomies(db)
    app.get('/directory', { config: { access: readers } }, showSearch(config))
    app.get('/directory/services/:id', { config: { access: readers } }, showService(config))
    void editors
  },
  async registerJobs(_jobs: Jobs) {},
}

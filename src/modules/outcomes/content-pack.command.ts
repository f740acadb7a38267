// SPDX-License-Identifier: AGPL-3.0-or-later
// `npm run waymark -- import-instrument-content --organisation "Name" --file pack.json`: loads the wording of a
// licensed questionnaire that the organisation holds a licence for (docs/outcomes-content-packs.md).
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import type { Command } from '../../cli/cli-errors.ts'
import { UsageError } from '../../cli/cli-errors.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { listAllOrganisations } from '../identity/index.ts'
import { contentPackSchema } from './catalogue.ts'
import { importContentPack } from './outcomes.service.ts'

const OPERATOR = { userId: null, organisationId: null, role: 'operator', ipAddress: null, correlationId: null }

export const importInstrumentContentCommand: Command = {
  summary: "Load a licensed questionnaire's wording (a content pack) for one organisation",
  usage: 'import-instrument-content --organisation "Name or id" --file pack.json',
  async run({ args, open, print }) {
    const { values } = parseArgs({ args, options: { organisation: { type: 'string' }, file: { type: 'string' } } })
    const wanted = values.organisation?.trim()
    if (!wanted) throw new UsageError('Missing --organisation')
    if (!values.file) throw new UsageError('Missing --file')
    let json: unknown
    try {
      json = JSON.parse(await readFile(values.file, 'utf8'))
    } catch (error) {
      throw new UsageError(`Cannot read ${values.file} as JSON: ${(error as Error).message}`)
    }
    const pack = contentPackSchema.safeParse(json)
    if (!pack.success) throw new UsageError(`${values.file} is not a content pack:\n${z.prettifyError(pack.error)}`)
    const runtime = await open()
    try {
      const organisations = await listAllOrganisations(runtime.db)
      const organisation = organisations.find((o) => o.id === wanted || o.name.toLowerCase() === wanted.toLowerCase())
      if (!organisation) throw new UsageError(`No organisation "${wanted}"`)
      const scope = scopeForSystemTask(runtime.db, organisation, 'operator loading a licensed content pack')
      const result = await importContentPack(scope, pack.data, {
        name: 'Operator (command line)',
        audit: { ...OPERATOR, organisationId: organisation.id },
      })
      if (!result.ok) throw new UsageError(`The pack does not fit:\n  ${result.problems.join('\n  ')}`)
      print(`Loaded the wording of ${result.instrument.name} (version ${pack.data.version}) for ${organisation.name}.`)
    } finally {
      await runtime.close()
    }
  },
}

// SPDX-License-Identifier: AGPL-3.0-or-later
import { parseArgs } from 'node:util'
import type { Database } from '../../platform/db/database.ts'
import { createApiKeyForOrganisation } from './api-clients.service.ts'

/** The shape of an operator CLI command (structurally `Command` in src/cli/main.ts; modules do not import the CLI). */
export interface ApiClientsCommand {
  summary: string
  usage: string
  run(context: {
    args: string[]
    open: () => Promise<{ db: Database; close(): Promise<void> }>
    print: (line: string) => void
  }): Promise<void>
}

/** `waymark create-api-key --organisation <id or ODS code> --name "EMIS at Riverside"`: prints the key once. */
export const createApiKeyCommand: ApiClientsCommand = {
  summary: 'Create an API key for an organisation’s clinical system (printed once; stored hashed)',
  usage: 'create-api-key --organisation <organisation id or ODS code> --name "Which system uses it"',
  async run({ args, open, print }) {
    const { values } = parseArgs({ args, options: { organisation: { type: 'string' }, name: { type: 'string' } } })
    const organisation = values.organisation?.trim() ?? ''
    const name = values.name?.trim() ?? ''
    if (!organisation || !name) throw new Error('Give --organisation <id or ODS code> and --name "…"')
    const runtime = await open()
    try {
      const created = await createApiKeyForOrganisation(runtime.db, { organisation, name })
      print(`Created API key "${created.client.name}" for ${created.organisationName} (key id ${created.client.id}).`)
      print('Copy it now; it cannot be shown again:')
      print(created.key)
    } finally {
      await runtime.close()
    }
  },
}

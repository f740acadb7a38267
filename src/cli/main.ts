// SPDX-License-Identifier: AGPL-3.0-or-later
// The operator's command line: `npm run waymark -- <command>` or `npx waymark <command>`.
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config.ts'
import {
  createOrganisation,
  createUserWithMembership,
  isOrganisationType,
  isRole,
  listAllOrganisations,
  ORGANISATION_TYPES,
  passwordProblem,
  resetPasswordByOperator,
  ROLES,
  type Role,
} from '../modules/identity/index.ts'
import { AppError } from '../platform/http/errors.ts'
import { verifyAuditChains } from '../platform/audit/audit.service.ts'
import { DataFolderLockedError } from '../platform/db/embedded.ts'
import { openDatabase } from '../platform/db/runtime.ts'
import { isDatabaseEmpty, seedDemoArea } from '../seed/demo.ts'
import { UsageError, type Command } from './cli-errors.ts'
import { BACKUP_COMMANDS } from './backup-commands.ts'
import { EXTRA_COMMANDS } from './commands.ts'

export { UsageError, type Command, type CommandContext } from './cli-errors.ts'

function option(values: Record<string, string | boolean | undefined>, name: string, required = true): string {
  const value = values[name]
  if (typeof value === 'string' && value.trim()) return value.trim()
  if (required) throw new UsageError(`Missing --${name}`)
  return ''
}

function passwordFrom(values: Record<string, string | boolean | undefined>): string {
  // Prefer the environment so the password does not land in shell history.
  const password =
    process.env['WAYMARK_NEW_PASSWORD'] ?? (typeof values['password'] === 'string' ? values['password'] : '')
  if (!password) throw new UsageError('Give the password in WAYMARK_NEW_PASSWORD (preferred) or --password')
  const problem = passwordProblem(password)
  if (problem) throw new UsageError(problem)
  return password
}

const CORE_COMMANDS: Record<string, Command> = {
  migrate: {
    summary: 'Apply database migrations (the server also does this at start-up)',
    usage: 'migrate',
    async run({ open, print }) {
      const runtime = await open()
      await runtime.close()
      print('Database migrated.')
    },
  },
  'seed-demo': {
    summary: 'Seed the fictional demo area (only into an empty database)',
    usage: 'seed-demo',
    async run({ open, print }) {
      const runtime = await open()
      try {
        if (!(await isDatabaseEmpty(runtime.db)))
          throw new UsageError('The database already has organisations: the demo is only seeded into an empty one.')
        const area = await seedDemoArea(runtime.db)
        print(`Seeded ${area.organisations.size} organisations and ${area.users.size} users in ${area.areaName}.`)
      } finally {
        await runtime.close()
      }
    },
  },
  'create-organisation': {
    summary: 'Create an organisation in an area (the area is created if new)',
    usage: `create-organisation --name "Name" --type <${ORGANISATION_TYPES.join('|')}> --area "Area name" [--ods CODE]`,
    async run({ args, open, print }) {
      const { values } = parseArgs({
        args,
        options: {
          name: { type: 'string' },
          type: { type: 'string' },
          area: { type: 'string' },
          ods: { type: 'string' },
        },
      })
      const type = option(values, 'type')
      if (!isOrganisationType(type)) throw new UsageError(`--type must be one of: ${ORGANISATION_TYPES.join(', ')}`)
      const runtime = await open()
      try {
        const organisation = await createOrganisation(runtime.db, {
          name: option(values, 'name'),
          type,
          areaName: option(values, 'area'),
          odsCode: option(values, 'ods', false) || null,
        })
        print(`Created ${organisation.name} (${organisation.type}) with id ${organisation.id}.`)
      } finally {
        await runtime.close()
      }
    },
  },
  'list-organisations': {
    summary: 'List organisations with their ids',
    usage: 'list-organisations',
    async run({ open, print }) {
      const runtime = await open()
      try {
        for (const org of await listAllOrganisations(runtime.db)) print(`${org.id}  ${org.type.padEnd(28)} ${org.name}`)
      } finally {
        await runtime.close()
      }
    },
  },
  'create-user': {
    summary: 'Create a user with roles in an organisation, or add the membership to an existing user',
    usage: `create-user --email a@b.nhs.uk --name "Full Name" --organisation <id or exact name> --roles <${ROLES.join(',')}> [--job-title "…"]  (password in WAYMARK_NEW_PASSWORD)`,
    async run({ args, open, print }) {
      const { values } = parseArgs({
        args,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          organisation: { type: 'string' },
          roles: { type: 'string' },
          'job-title': { type: 'string' },
          password: { type: 'string' },
        },
      })
      const roles = option(values, 'roles')
        .split(',')
        .map((r) => r.trim())
      const unknown = roles.filter((r) => !isRole(r))
      if (unknown.length) throw new UsageError(`Unknown role(s): ${unknown.join(', ')}. Roles: ${ROLES.join(', ')}`)
      const password = passwordFrom(values)
      const email = option(values, 'email')
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError('--email is not an email address')
      const runtime = await open()
      try {
        const wanted = option(values, 'organisation')
        const organisations = await listAllOrganisations(runtime.db)
        const organisation = organisations.find((o) => o.id === wanted || o.name.toLowerCase() === wanted.toLowerCase())
        if (!organisation) throw new UsageError(`No organisation "${wanted}". Run list-organisations to see them.`)
        const result = await createUserWithMembership(runtime.db, {
          email,
          displayName: option(values, 'name'),
          jobTitle: option(values, 'job-title', false) || null,
          password,
          organisationId: organisation.id,
          roles: roles as Role[],
        })
        print(
          result.created
            ? `Created ${email} in ${organisation.name} as ${roles.join(', ')}.`
            : `${email} already existed: membership of ${organisation.name} set to ${roles.join(', ')} (password unchanged).`,
        )
      } finally {
        await runtime.close()
      }
    },
  },
  'reset-password': {
    summary: 'Set a new password for someone who has forgotten theirs (ends their sessions)',
    usage: 'reset-password --email a@b.nhs.uk  (new password in WAYMARK_NEW_PASSWORD)',
    async run({ args, open, print }) {
      const { values } = parseArgs({ args, options: { email: { type: 'string' }, password: { type: 'string' } } })
      const password = passwordFrom(values)
      const runtime = await open()
      try {
        await resetPasswordByOperator(runtime.db, option(values, 'email'), password)
        print('Password reset. Their other sessions were ended.')
      } finally {
        await runtime.close()
      }
    },
  },
  'verify-audit': {
    summary: 'Recompute every audit hash chain and report any break',
    usage: 'verify-audit',
    async run({ open, print }) {
      const runtime = await open()
      try {
        const started = Date.now()
        const chains = await verifyAuditChains(runtime.db)
        const broken = chains.filter((chain) => chain.brokenAtSequence !== null)
        const entries = chains.reduce((sum, chain) => sum + chain.entries, 0)
        for (const chain of broken)
          print(
            `BROKEN chain ${chain.chainId}, lane ${chain.brokenInLane}: entry ${chain.brokenAtSequence} ${chain.problem}`,
          )
        print(
          `${chains.length} chains, ${entries} entries checked in ${Date.now() - started} ms: ${broken.length === 0 ? 'all intact' : `${broken.length} broken`}.`,
        )
        if (broken.length > 0) process.exitCode = 3
      } finally {
        await runtime.close()
      }
    },
  },
}

export const COMMANDS: Record<string, Command> = { ...CORE_COMMANDS, ...BACKUP_COMMANDS, ...EXTRA_COMMANDS }

function help(print: (line: string) => void): void {
  print('Usage: waymark <command> [options]\n')
  for (const [name, command] of Object.entries(COMMANDS))
    print(`  ${name.padEnd(22)} ${command.summary}\n  ${' '.repeat(22)} ${command.usage}\n`)
  print(
    'The database is the one the server uses: DATABASE_URL, or the embedded one in WAYMARK_DATA_DIR (default ./data).',
  )
}

/** Runs one CLI command; returns the process exit code. */
export async function runCli(
  argv: string[],
  print: (line: string) => void = (line) => process.stdout.write(line + '\n'),
): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help(print)
    return name ? 0 : 2
  }
  const command = COMMANDS[name]
  if (!command) {
    print(`Unknown command "${name}".`)
    help(print)
    return 2
  }
  try {
    const config = loadConfig()
    await command.run({ args, config, open: () => openDatabase(config), print })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof DataFolderLockedError) {
      print(`${error.message}${error instanceof UsageError ? `\nUsage: waymark ${command.usage}` : ''}`)
      return 2
    }
    if (error instanceof AppError) {
      print(error.userMessage ?? error.message)
      return 1
    }
    if (
      error instanceof Error &&
      /parseArgs|Unknown option|ERR_PARSE_ARGS/.test(`${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`)
    ) {
      print(`${error.message}\nUsage: waymark ${command.usage}`)
      return 2
    }
    print(`Failed: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(process.argv.slice(2))
}

// SPDX-License-Identifier: AGPL-3.0-or-later
// The boundary and cycle rules in .dependency-cruiser.cjs, proven against a small planted tree: each rule
// passes the imports the conventions allow and fails the one it exists to refuse.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CLI = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs')
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs')
const trees: string[] = []
after(() => trees.forEach((tree) => rmSync(tree, { recursive: true, force: true })))

/** A tree that follows every convention; `plant` adds or overwrites files to break one. */
const ALLOWED: Record<string, string> = {
  'src/platform/db.ts': 'export const db = 1\n',
  'src/modules/one/index.ts': "export { thing } from './inner.ts'\n",
  'src/modules/one/inner.ts': "import { db } from '../../platform/db.ts'\nexport const thing = db\n",
  'src/modules/one/one.table.ts': 'export const ones = 1\n',
  'src/modules/one/one.repository.ts': "import { sql } from 'drizzle-orm'\nexport const query = sql\n",
  'src/modules/two/index.ts': "import { thing } from '../one/index.ts'\nexport const other = thing\n",
  'src/modules/two/two.table.ts': "import { ones } from '../one/one.table.ts'\nexport const twos = ones\n",
  'src/modules/two/two.int.test.ts': "import { ones } from '../one/one.table.ts'\nexport const seen = ones\n",
}

function cruise(plant: Record<string, string> = {}): { code: number; output: string } {
  const tree = mkdtempSync(path.join(os.tmpdir(), 'waymark-boundaries-'))
  trees.push(tree)
  writeFileSync(
    path.join(tree, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, noEmit: true, module: 'nodenext' } }),
  )
  for (const [file, text] of Object.entries({ ...ALLOWED, ...plant })) {
    mkdirSync(path.dirname(path.join(tree, file)), { recursive: true })
    writeFileSync(path.join(tree, file), text)
  }
  const result = spawnSync(process.execPath, [CLI, '--config', CONFIG, 'src'], { cwd: tree, encoding: 'utf8' })
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` }
}

describe('module boundaries and import cycles', () => {
  it('accept the imports the conventions allow', () => {
    const { code, output } = cruise()
    assert.equal(code, 0, output)
    assert.match(output, /no dependency violations found/)
  })

  it("refuse a deep import into another module's files", () => {
    const { code, output } = cruise({
      'src/modules/two/index.ts': "import { thing } from '../one/inner.ts'\nexport const other = thing\n",
    })
    assert.notEqual(code, 0)
    assert.match(
      output,
      /no-deep-imports-into-another-module: src\/modules\/two\/index\.ts → src\/modules\/one\/inner\.ts/,
    )
  })

  it('refuse a table reaching past the other module’s tables, and a test past them', () => {
    const { code, output } = cruise({
      'src/modules/two/two.table.ts': "import { thing } from '../one/inner.ts'\nexport const twos = thing\n",
      'src/modules/two/two.int.test.ts': "import { thing } from '../one/inner.ts'\nexport const seen = thing\n",
    })
    assert.notEqual(code, 0)
    assert.match(output, /tables-import-only-tables-across-modules: src\/modules\/two\/two\.table\.ts/)
    assert.match(output, /tests-read-only-tables-across-modules: src\/modules\/two\/two\.int\.test\.ts/)
  })

  it('refuse platform code that imports a module', () => {
    const { code, output } = cruise({
      'src/platform/db.ts': "import type { other } from '../modules/two/index.ts'\nexport const db: typeof other = 1\n",
    })
    assert.notEqual(code, 0)
    assert.match(output, /platform-imports-no-module: src\/platform\/db\.ts → src\/modules\/two\/index\.ts/)
  })

  it('refuse an import cycle, even one made of type-only imports', () => {
    const { code, output } = cruise({
      'src/modules/one/inner.ts':
        "import type { other } from '../two/index.ts'\nimport { db } from '../../platform/db.ts'\nexport const thing: typeof other = db\n",
    })
    assert.notEqual(code, 0)
    assert.match(output, /no-cycles: /)
  })

  it('refuse a query outside a repository', () => {
    const { code, output } = cruise({
      'src/modules/one/inner.ts': "import { sql } from 'drizzle-orm'\nexport const thing = sql\n",
    })
    assert.notEqual(code, 0)
    assert.match(output, /sql-only-in-repositories: src\/modules\/one\/inner\.ts → drizzle-orm/)
  })

  it('refuse a page that calls a repository, and let it import a row type', async () => {
    const { code, output } = cruise({
      'src/modules/one/web/page/page.handler.ts':
        "import { query } from '../../one.repository.ts'\nexport const page = query\n",
    })
    assert.notEqual(code, 0)
    assert.match(
      output,
      /pages-call-services: src\/modules\/one\/web\/page\/page\.handler\.ts → src\/modules\/one\/one\.repository\.ts/,
    )
    const typeOnly = cruise({
      'src/modules/one/web/page/page.presenter.ts':
        "import type { query } from '../../one.repository.ts'\nexport type Page = typeof query\n",
    })
    assert.equal(typeOnly.code, 0, typeOnly.output)
  })
})

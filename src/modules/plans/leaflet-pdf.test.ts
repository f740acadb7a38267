// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { placeholderPortrait } from '../casework/index.ts'
import { leafletPdf } from './leaflet-pdf.ts'
import { presentLeaflet } from './leaflet.ts'
import { exampleLeafletData } from './leaflet.fixtures.ts'

/**
 * The text of an uncompressed pdfkit PDF, one string per text run. pdfkit writes the standard fonts' text as
 * hex strings in TJ arrays, split where it kerns; joining the pieces of each array gives the line back.
 */
function pdfText(pdf: Buffer): string {
  const lines: string[] = []
  for (const match of pdf.toString('latin1').matchAll(/\[([^\]]*)\] TJ/g)) {
    const hex = [...match[1]!.matchAll(/<([0-9a-f]*)>/g)].map((m) => m[1]).join('')
    lines.push(Buffer.from(hex, 'hex').toString('latin1'))
  }
  return lines.join('\n')
}

/** Font sizes used for text, from the Tf operators. */
function fontSizes(pdf: Buffer): number[] {
  return [...pdf.toString('latin1').matchAll(/\/F\d+ (\d+(?:\.\d+)?) Tf/g)].map((m) => Number(m[1]))
}

const view = presentLeaflet(exampleLeafletData(), 'Granite City Social Prescribing Service')

describe('leafletPdf', () => {
  it('makes a tagged A4 PDF whose text includes the goals, actions, contacts and urgent help', async () => {
    const pdf = await leafletPdf(view, { size: 'standard', photo: null, compress: false })
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/)
    assert.match(pdf.toString('latin1'), /\/StructTreeRoot/)
    assert.match(pdf.toString('latin1'), /\/Lang \(en-GB\)/)
    const text = pdfText(pdf)
    for (const expected of [
      'Your plan with Megan Reid',
      'For Margaret Thomson',
      'Agreed on 10 November 2026',
      'Play the ukulele with other people again',
      'Take the bus into town on my own',
      'Connect, Keep learning',
      'Phone the Strum Along group',
      '07700 900 318',
      '01632 960 555',
      'Apply for a bus pass',
      '15 December 2026',
      'NHS 111',
      'Every Thursday, 2pm to 3:30pm',
      'Thursday 3 December 2026 at 2pm',
      'Getting out of the flat and making music with people again.',
    ])
      assert.ok(text.includes(expected), `the PDF text should include "${expected}"`)
    assert.ok(!text.includes('Draft'))
    // Urgent help comes straight after the link worker, on the first page, before the goals.
    assert.ok(text.indexOf('NHS 111') < text.indexOf('Play the ukulele with other people again'))
  })

  it('prints large print at 18 point or more, and a draft as not yet agreed', async () => {
    const data = exampleLeafletData()
    const draft = presentLeaflet({ ...data, plan: { ...data.plan, status: 'draft', agreedOn: null } }, 'S')
    const pdf = await leafletPdf(draft, { size: 'large', photo: null, compress: false })
    const sizes = fontSizes(pdf)
    assert.ok(sizes.length > 0)
    assert.ok(Math.min(...sizes) >= 18, `smallest type is ${Math.min(...sizes)} point`)
    assert.ok(pdfText(pdf).includes('Draft – not yet agreed'.replace('–', '\u0096')))
    const standard = fontSizes(await leafletPdf(draft, { size: 'standard', photo: null, compress: false }))
    assert.ok(Math.min(...standard) >= 12)
  })

  it('embeds the link worker’s photo with alternative text', async () => {
    const photo = { content: placeholderPortrait([200, 210, 220]), contentType: 'image/png' as const }
    const pdf = await leafletPdf(view, { size: 'standard', photo, compress: false })
    const raw = pdf.toString('latin1')
    assert.match(raw, /\/Subtype \/Image/)
    assert.match(raw, /\/Alt \(Photo of Megan Reid\)/)
  })

  it('prints without the photo when the file only starts like an image', async () => {
    const broken = Buffer.concat([placeholderPortrait([1, 2, 3]).subarray(0, 8), Buffer.from('not really a PNG')])
    const pdf = await leafletPdf(view, {
      size: 'standard',
      photo: { content: broken, contentType: 'image/png' },
      compress: false,
    })
    assert.doesNotMatch(pdf.toString('latin1'), /\/Subtype \/Image/)
    assert.ok(pdfText(pdf).includes('Your plan with Megan Reid'))
  })

  it('compresses by default', async () => {
    const compressed = await leafletPdf(view, { size: 'standard', photo: null })
    const plain = await leafletPdf(view, { size: 'standard', photo: null, compress: false })
    assert.equal(compressed.subarray(0, 5).toString(), '%PDF-')
    assert.ok(compressed.length < plain.length)
  })
})

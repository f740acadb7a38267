// SPDX-License-Identifier: AGPL-3.0-or-later
// A report's bar chart as SVG, drawn on the server by Observable Plot into a linkedom document (no browser, no
// script). The page gives the same numbers in a table beside it: the chart is a picture of them, so it is one
// image with one name, and a hidden count ("*") has no bar rather than a guessed one.
import * as Plot from '@observablehq/plot'
import { chartDocument, chartMarkup } from '../../platform/views/chart-svg.ts'
import type { ShownCount } from './suppression.ts'

export interface Bar {
  readonly label: string
  readonly value: ShownCount
}

export function barChartSvg(bars: readonly Bar[], title: string): string {
  const document = chartDocument()
  const drawn = bars.map((bar) => ({
    label: bar.label,
    value: bar.value === '*' ? 0 : bar.value,
    hidden: bar.value === '*',
  }))
  const svg = Plot.plot({
    document,
    width: 640,
    height: 240,
    marginLeft: 44,
    marginBottom: 44,
    className: 'app-chart',
    ariaLabel: title,
    x: { type: 'band', label: null, domain: bars.map((bar) => bar.label), tickRotate: bars.length > 6 ? -30 : 0 },
    y: { label: null, grid: true, nice: true, ticks: 5 },
    marks: [
      Plot.barY(drawn, { x: 'label', y: 'value', fill: '#005eb8', inset: 4 }),
      Plot.text(drawn, {
        x: 'label',
        y: 'value',
        text: (bar: (typeof drawn)[number]) => (bar.hidden ? '*' : String(bar.value)),
        dy: -8,
      }),
      Plot.ruleY([0]),
    ],
  })
  return chartMarkup(svg)
}

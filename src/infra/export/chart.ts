/**
 * Charts as PNG without a browser: echarts renders SVG on the server, resvg turns it into PNG with
 * a font that has every Vietnamese glyph (Be Vietnam Pro, installed from npm with the project).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('@expo-google-fonts/be-vietnam-pro/package.json'));
const FONT_FILES = [path.join(fontDir, '400Regular/BeVietnamPro_400Regular.ttf'), path.join(fontDir, '600SemiBold/BeVietnamPro_600SemiBold.ttf')];
const FONT_FAMILY = 'Be Vietnam Pro';

export interface StackedBars {
  title: string;
  /** One bar per category (a unit). */
  categories: string[];
  /** One stacked series per status. */
  series: { name: string; values: number[] }[];
}

/** A horizontal stacked bar chart (units × statuses) as PNG bytes. */
export function renderStackedBarsPng(chart: StackedBars, width = 1000): Buffer {
  const height = Math.max(320, 120 + chart.categories.length * 34);
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY },
      title: { text: chart.title, left: 'center', textStyle: { fontFamily: FONT_FAMILY, fontSize: 18 } },
      legend: { bottom: 4, textStyle: { fontFamily: FONT_FAMILY } },
      grid: { left: 16, right: 32, top: 50, bottom: 48, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily: FONT_FAMILY } },
      yAxis: { type: 'category', data: chart.categories, inverse: true, axisLabel: { fontFamily: FONT_FAMILY, width: 260, overflow: 'truncate' } },
      series: chart.series.map((serie) => ({ type: 'bar', stack: 'total', name: serie.name, data: serie.values, label: { show: false } })),
    });
    const svg = instance.renderToSVGString();
    const png = new Resvg(svg, { font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY }, fitTo: { mode: 'width', value: width } }).render().asPng();
    return Buffer.from(png);
  } finally {
    instance.dispose();
  }
}

export { collectMachineInfo } from './collectMachineInfo.ts';
export { keyComparison } from './keyComparison.ts';
export { parseReport } from './parseReport.ts';
export { renderHtml } from './renderHtml.ts';
export { type RenderSvgPlotOptions, renderSvgPlot } from './renderSvgPlot.ts';
export { type RenderTerminalSummaryOptions, renderTerminalSummary } from './renderTerminalSummary.ts';
export { serializeReport } from './serializeReport.ts';
export type {
  CheckRecord,
  MachineInfo,
  ReportComparison,
  ReportPlot,
  ReportSeries,
  ReportTable,
  SuiteReport,
} from './types.ts';
export { type WriteReportResult, writeReport } from './writeReport.ts';

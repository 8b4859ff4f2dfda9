/**
 * The parts of Observable Plot the monitoring charts use. The charts import this module lazily
 * (Chart.tsx), so Plot and the d3 modules it needs form one chunk that only this page loads; naming
 * the marks here, instead of importing Plot's whole namespace, lets the bundler leave the rest out.
 */
export { barX, barY, dot, lineY, plot, ruleX, ruleY, text, tickX } from '@observablehq/plot';

/** Pictures of task graphs and plans: hand-written SVG and Mermaid text. */
export { ganttSvg, type GanttOptions } from './gantt.js';
export { dagSvg, type DagOptions } from './dag.js';
export { ganttMermaid, dagMermaid } from './mermaid.js';
export { layeredLayout } from './layout.js';

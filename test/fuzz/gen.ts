// The shape of a statement generator: applicability test, relative weight, and the emitter.
import type { Ctx } from './context.js';

export interface Gen {
  name: string;
  weight: number;
  when?: (ctx: Ctx) => boolean;
  run: (ctx: Ctx) => void;
}

import {nope} from "./counter.js";
export const x = nope;

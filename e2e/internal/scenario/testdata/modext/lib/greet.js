import {name} from "./counter.js";
export default function greet(who) { return `hello ${who} from ${name}`; }
export const version = 2;

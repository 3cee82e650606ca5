import {count, bump} from "./lib/counter.js";
import greet from "./lib/greet.js";
bump(); bump();
self.pageReport = {count, greeting: greet("page"), meta: import.meta.url.split("/").pop(), sides: self.sideEffects};
self.tryDynamic = (spec) => import(spec).then((m) => Object.keys(m).sort(), (e) => [e.name, e.message]);
self.pageReady = true;

package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// scriptsPage runs inline scripts of several types; only the classic JavaScript ones run.
const scriptsPage = `<!doctype html><html><head><title>S</title>
<script>window.order = ["head " + document.readyState]; document.addEventListener("DOMContentLoaded", () => { window.__dcl = true; order.push("DOMContentLoaded"); });</script>
<script type="text/plain">window.order.push("text/plain");</script>
<script type="application/json">{"a": 1}</script>
<script type="text/javascript">order.push("text/javascript");</script>
<script language="javascript" type="">order.push("empty type");</script>
</head><body><p id="x">x</p>
<script>order.push("body"); window.thrower = 1; throw new Error("page script error");</script>
<script>order.push("after a throw");</script>
</body></html>`

func init() {
	All = append(All, Scenario{
		Name: "page-scripts",
		Doc: "A page's own inline scripts run in the main world, in document order, classic JavaScript types only, before " +
			"DOMContentLoaded; an exception ends only its own script; the isolated world does not see their globals (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/scripts.html", HTML: scriptsPage}},
		Steps: []Step{
			{Do: extwasmtest.EvalStep{Realm: "main/page", Until: `window.__dcl === true`, Expr: `[window.order, window.thrower]`},
				Want: `{"value":[["head loading","text/javascript","empty type","body","after a throw","DOMContentLoaded"],1]}`},
			{Do: extwasmtest.Eval("main/cs", `[typeof window.order, document.querySelectorAll("script").length]`), Want: `{"value":["undefined",7]}`},
		},
	})
}

package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

func init() {
	All = append(All, Scenario{
		Name: "runtime-platform",
		Doc: "runtime.getPlatformInfo (promise and callback), the platform enums and extension.inIncognitoContext, which " +
			"Chromium's own API tests call first (measured in Chromium 156 on linux/amd64).",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `(async () => [await chrome.runtime.getPlatformInfo(),
				await new Promise((r) => chrome.runtime.getPlatformInfo((i) => r(Object.keys(i).sort()))),
				chrome.runtime.PlatformOs.LINUX, chrome.runtime.PlatformArch.X86_64, chrome.extension.inIncognitoContext])()`),
				Want: `{"value":[{"arch":"x86-64","nacl_arch":"x86-64","os":"linux"},["arch","nacl_arch","os"],"linux","x86-64",false]}`},
		},
	})
}

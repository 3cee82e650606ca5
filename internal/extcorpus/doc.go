// Package extcorpus runs a corpus of real Manifest V3 extensions, given as a folder, in headless
// Chromium and in hostsim with the same procedure, and reports which run clean in each: installed,
// a web page opened, the popup and the options page opened as tabs (where the manifest has them),
// a wait let pass, and every context's uncaught exceptions, unhandled rejections and console.error
// calls collected. "Clean" means none.
//
// Nothing of the corpus lives in this repository: the folder is an argument (make corpus
// CORPUS_DIR=…). Chromium is the judge: an extension that is not clean there says nothing about
// hostsim, and the figure that matters is how many of Chromium's clean ones hostsim runs clean.
package extcorpus

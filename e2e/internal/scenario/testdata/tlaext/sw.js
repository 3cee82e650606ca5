// The worker only has to exist; the scenario looks at the page.

// The worker only has to exist; the scenario asks it about tabs.

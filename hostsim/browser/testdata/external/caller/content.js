// Messages to other extensions are sent from the tests.

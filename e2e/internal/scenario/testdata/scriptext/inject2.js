"second";

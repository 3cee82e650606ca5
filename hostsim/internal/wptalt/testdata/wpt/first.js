var order = ["src"];

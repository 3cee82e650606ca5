self.page = location.pathname;

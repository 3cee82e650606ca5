self.order.push("second before await"); await null; self.order.push("second after await");

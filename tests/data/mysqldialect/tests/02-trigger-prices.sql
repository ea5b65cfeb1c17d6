# The trigger fills total and note: checks takes the count only if it is 1.
INSERT INTO `order_lines` (`product_id`, `qty`) VALUES (1, 2);
INSERT INTO checks (ok)
  SELECT count(*) FROM `order_lines`
   WHERE `total` = 500 AND `note` = 'priced by trigger; "line_total"';

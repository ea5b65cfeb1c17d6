-- The mysqldialect workload's schema on MySQL (see schema.sql), in the
-- shape of a mysqldump output.
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
/*M!100100 SET @dbbench_dialect = 'MariaDB; 10.1 or later' */;

#
# Table structure for table `products`
#
CREATE TABLE `products` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(64) NOT NULL COMMENT 'the product\'s name; as shown',
  `price` int(11) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

# `order_lines`: total and note are the trigger's
CREATE TABLE `order_lines` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `product_id` int(11) NOT NULL,
  `qty` int(11) NOT NULL,
  `total` int(11) NOT NULL DEFAULT 0,
  `note` varchar(64) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`),
  CONSTRAINT `order_lines_product` FOREIGN KEY (`product_id`)
    REFERENCES `products` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `checks` (
  `ok` int(11) NOT NULL,
  CONSTRAINT `one` CHECK (`ok` = 1)
) ENGINE=InnoDB;

-- The trigger's body holds ';' (and ";;" in a string): only the DELIMITER
-- commands around it keep it one statement.
DELIMITER ;;
/*!50003 CREATE*/ /*!50003 TRIGGER `line_total` BEFORE INSERT ON `order_lines` FOR EACH ROW BEGIN
  IF NEW.qty <= 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'qty must be positive; it\'s not ";;"';
  END IF;
  SET NEW.total = NEW.qty * (SELECT `price` FROM `products` WHERE `id` = NEW.product_id);
  SET NEW.note = "priced by trigger; \"line_total\"";
END */;;
DELIMITER ;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;

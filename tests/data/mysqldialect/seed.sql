-- The mysqldialect workload's rows, written as mysqldump writes them.
/*!40101 SET NAMES utf8mb4 */;
# Names with quotes escaped by backslashes, a ';' and a '#' inside them.
INSERT INTO `products` VALUES (1,'Bob\'s \"best\"; tea',250),(2,'back\\slash # not a comment',100);

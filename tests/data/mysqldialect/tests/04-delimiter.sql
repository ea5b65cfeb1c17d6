-- A test file may change the delimiter too; each file starts with ';'.
DELIMITER //
INSERT INTO `products` (`name`, `price`) VALUES ('semi; colon', 1)//
INSERT INTO checks (ok) SELECT count(*) FROM `products` WHERE `name` = 'semi; colon'//
DELIMITER ;
SELECT `name` FROM `products` WHERE `id` = 1;

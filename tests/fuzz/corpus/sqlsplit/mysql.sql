/*!40101 SET NAMES utf8mb4 */;
/*M!100100 SET @x = 1 */;
# a comment; 'not a string
INSERT INTO `a``b` VALUES ('it\'s;', "say \"hi;\"", 'a''b', 5 --1);
SELECT 1 -- comment;
, 2;
DELIMITER ;;
CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN
  SET NEW.x = ';;';
  SET NEW.y = 1;
END ;;
DELIMITER $$
SELECT 3$$
delimiter '//'
-- dbbench: expect-error
SELECT /* // */ 4//
DELIMITER ;
SELECT 5;

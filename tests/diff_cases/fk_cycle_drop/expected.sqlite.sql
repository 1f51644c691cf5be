-- drops table employee and its rows
DROP TABLE employee;

-- drops table department and its rows
DROP TABLE department;

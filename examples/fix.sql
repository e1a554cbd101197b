UPDATE products SET p_code = TRIM(p_code) WHERE p_code LIKE ' %' OR p_code LIKE '% '

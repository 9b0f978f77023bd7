"""Reading SEN2 returns (XML or DfE module CSV) and judging them against the project's
own rule catalogue. Pure Python: nothing here imports Django."""

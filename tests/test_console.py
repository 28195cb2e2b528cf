from jixiao.console import display_width, text_table


def test_it_counts_chinese_characters_as_two_columns():
    assert display_width("得分") == 4
    assert display_width("12.50") == 5
    assert display_width("≥95%") == 4  # ≥ is ambiguous-width, counted as one


def test_it_aligns_columns_by_display_width():
    table = text_table(["名称", "分值"], [["党组织覆盖率", "12.50"], ["x", "7.50"]], numeric={1})
    assert table.split("\n") == [
        "名称           分值",
        "党组织覆盖率  12.50",
        "x              7.50",
    ]

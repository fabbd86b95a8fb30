"""Recognition of 绩效自评 (performance self-evaluation) material.

- ``forms``: score tables read into forms — a funds block (预算执行情况), an
  indicator tree (groups with declared weights, leaves with 分值/得分), totals and
  grades — across page-split Word tables;
- ``prose``: scores stated in sentences ("部门职能总评价分10分，实际得分8分",
  "…得1分；…得4分", "项目绩效自评得分为97分", "为“优秀”");
- ``survey``: questionnaire tables (options × 标准分值 × 人数, 问卷总分, 综合得分);
- ``patterns``: the vocabulary (header words, label weights, grade bands).

Checks in ``checks/scores/`` read these models; nothing here reports findings.
"""

// Example puzzles and input hints per head, for the viewer's "Load the example" button.
// sudoku: the README's puzzle; maze: cli/src/test/resources/mazes/maze15-generated.txt (made by
// export-scripts/trm/maze.py); arc: ARC-AGI-1 training task 6150a2bd (fchollet/ARC-AGI, Apache-2.0).
"use strict";
window.TRM_EXAMPLES = {
  "sudoku": {
    "hint": "81 cells, row by row, '.' or 0 for a blank (line breaks and spaces are ignored)",
    "text": "......95....64..7......7.1..38.15..25..87..6...72.....7...5...9.5.....2.3.94....."
  },
  "maze": {
    "hint": "one line per row: '#' wall, ' ' open, 'S' start, 'G' goal",
    "text": "###############\n#   #         #\n# ##### #######\n# #   #       #\n# # # # ##### #\n#   # #     # #\n##### # ##### #\n#   # # #     #\n### # # # #####\n#   # # #     #\n# ### # ##### #\n#S#   #   #G  #\n# # ####### # #\n#           # #\n###############"
  },
  "sequence": {
    "hint": "the known terms and a '?', e.g. 2, 4, 8, 16, ? (or {\"terms\": [...], \"expected\": n})",
    "text": "2, 4, 8, 16, ?"
  },
  "arc": {
    "hint": "an ARC task: {\"train\": [{\"input\": grid, \"output\": grid}, ...], \"test\": [{\"input\": grid}]}, best as {\"TASK_ID\": task}",
    "text": "{\"6150a2bd\": {\"train\": [{\"input\": [[3, 3, 8], [3, 7, 0], [5, 0, 0]], \"output\": [[0, 0, 5], [0, 7, 3], [8, 3, 3]]}, {\"input\": [[5, 5, 2], [1, 0, 0], [0, 0, 0]], \"output\": [[0, 0, 0], [0, 0, 1], [2, 5, 5]]}], \"test\": [{\"input\": [[6, 3, 5], [6, 8, 0], [4, 0, 0]], \"output\": [[0, 0, 4], [0, 8, 6], [5, 3, 6]]}]}}"
  }
};

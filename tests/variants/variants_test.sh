#!/usr/bin/env bash
# The defect generator on the first photo of each set (neutral_front, canada):
# labels.csv lists every variant kind with the expected columns and check ids,
# every listed file decodes and differs from its original (--verify), and a
# second run keeps what the first one wrote.
# Usage: variants_test.sh GRADPHOTO_VARIANTS_BINARY TESTDATA_DIR   (models: $GRADPHOTO_MODELS_DIR)
source "$(dirname "$0")/../cli/common.sh"
tool=$1
testdata=$2
out="$work/variants"

"$tool" --testdata "$testdata" --out "$out" --limit 1 >"$work/run1.txt" 2>"$work/err1.txt"
status=$?
cat "$work/run1.txt" "$work/err1.txt"
check "the generator exits 0" test "$status" -eq 0
labels="$out/labels.csv"
check "labels.csv has the expected header" \
  test "$(head -n 1 "$labels")" = "file,source,variant,parameter,expected_defect"
check "every row has five non-empty fields" \
  awk -F, 'NR > 1 && (NF != 5 || $1 == "" || $2 == "" || $3 == "" || $4 == "" || $5 == "") { bad = 1 } END { exit bad }' "$labels"
check "both sets are used" grep -q "inst/neutral_front/" "$labels"
check "... neutral_front and canada" grep -q "inst/canada/" "$labels"

# mouth_swap is made only from a smile that shows teeth: the first subject's
# does not, so it is checked below on 006_03 instead.
kinds="original rotated blur jpeg_damage underexposed overexposed one_sided_light specular_spots
       background_recoloured background_gradient background_shadow skin_smoothed moire
       clothing_like_background low_resolution gaze_aside red_eye glasses_glare hair_fringe hair_over_ears breton_stripes
       beanie ear_studs pearl_studs shoulder_lowered body_turned
       second_person off_centre shoulders_cut too_close"
for kind in $kinds; do
  check "variant kind $kind is listed" awk -F, -v k="$kind" '$3 == k { found = 1 } END { exit !found }' "$labels"
done
check "no mouth_swap from a smile without teeth (001_08)" \
  bash -c "! grep -q ',mouth_swap,' '$labels' && grep -qx nf_001_03_mouth_swap.jpg '$out/.not_applicable'"
# The canada photos are framed too tightly for a spec crop: no crop-planning,
# posture or clothing variants are made from them.
check "no framing, posture or clothing variants from the tightly framed canada photo" \
  bash -c "for k in too_close off_centre shoulders_cut second_person shoulder_lowered body_turned \
                    clothing_like_background breton_stripes; do
             grep -qx ca_003f_\$k.jpg '$out/.not_applicable' || exit 1; done"
expected_kind() {  # variant -> the check id it must be labelled with
  case $1 in
    rotated) echo pose.roll ;;
    blur|jpeg_damage) echo image.sharpness ;;
    underexposed|overexposed) echo image.exposure ;;
    one_sided_light) echo light.evenness ;;
    specular_spots) echo light.highlights ;;
    background_gradient|background_shadow) echo background.uniform ;;
    skin_smoothed) echo retouch.suspected ;;
    moire) echo recapture.suspected ;;
    mouth_swap) echo mouth.closed ;;
    clothing_like_background) echo clothing.contrast ;;
    low_resolution) echo image.resolution ;;
    gaze_aside) echo eyes.gaze ;;
    red_eye) echo eyes.redeye ;;
    glasses_glare) echo glasses.glare ;;
    hair_fringe) echo hair.covering ;;
    hair_over_ears) echo ears.visible ;;
    breton_stripes) echo clothing.pattern ;;
    beanie) echo head.covering ;;
    ear_studs|pearl_studs) echo accessories.jewellery ;;
    shoulder_lowered) echo shoulders.level ;;
    body_turned) echo body.square ;;
    second_person) echo face.count ;;
    off_centre) echo face.position ;;
    shoulders_cut) echo geometry.eye_line ;;
    too_close) echo geometry.face_width ;;
  esac
}
bad_labels=0
while IFS=, read -r file source variant parameter defect; do
  want=$(expected_kind "$variant")
  [ -n "$want" ] && [ "$defect" != "$want" ] && { echo "  $file: $defect, expected $want"; bad_labels=1; }
done < <(tail -n +2 "$labels")
check "each defect is labelled with its check id" test "$bad_labels" -eq 0
check "neutral_front originals expect no defect" grep -q "^nf_[^,]*_original.jpg,.*,original,copy,none$" "$labels"
check "the light-blue background expects no defect" \
  grep -q ",background_recoloured,colour=lightblue;rgb=100:197:255,none$" "$labels"
check "pink and green backgrounds are background.colour" \
  test "$(grep -cE ',colour=(pink|green);.*,background.colour$' "$labels")" -eq 4
check "low_resolution is 300 px wide" \
  bash -c "ffprobe -v error -select_streams v:0 -show_entries stream=width -of csv=p=0 '$out/nf_001_03_low_resolution_w300.jpg' | grep -qx 300"

"$tool" --verify --out "$out" >"$work/verify.txt" 2>&1
status=$?
cat "$work/verify.txt"
check "--verify: every file decodes, differs from its original, rotated by the labelled roll" test "$status" -eq 0

before=$(stat -c %Y "$out/nf_001_03_blur_s3.jpg")
"$tool" --testdata "$testdata" --out "$out" --limit 1 >"$work/run2.txt" 2>&1
check "a second run exits 0" test $? -eq 0
check "... and keeps every file" grep -q " 0 written," "$work/run2.txt"
check "... untouched" test "$(stat -c %Y "$out/nf_001_03_blur_s3.jpg")" = "$before"
check "... with the same labels" cmp -s "$labels" "$out/labels.csv"

# A subject whose smile shows teeth: the mouth swap is made.
mkdir -p "$work/one/webmorphR.stim/inst/neutral_front" "$work/one/webmorphR.stim/inst/smiling_front"
ln -s "$testdata/webmorphR.stim/inst/neutral_front/006_03.jpg" "$work/one/webmorphR.stim/inst/neutral_front/"
ln -s "$testdata/webmorphR.stim/inst/smiling_front/006_08.jpg" "$work/one/webmorphR.stim/inst/smiling_front/"
"$tool" --testdata "$work/one" --out "$work/one_out" >/dev/null 2>&1
check "a smile with teeth gives a mouth_swap labelled mouth.closed" \
  grep -q "^nf_006_03_mouth_swap.jpg,webmorphR.stim/inst/neutral_front/006_03.jpg,mouth_swap,from=006_08.jpg;teeth=visible,mouth.closed$" \
  "$work/one_out/labels.csv"

"$tool" --out "$out" --bogus >/dev/null 2>"$work/usage.txt"
check "an unknown option exits 2 with the usage" test $? -eq 2
check "... usage text" grep -q "usage: gradphoto_variants" "$work/usage.txt"

finish

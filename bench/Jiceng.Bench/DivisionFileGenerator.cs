using System.Text;

namespace Jiceng.Bench;

/// <summary>What was written: the file, its size and how many rows of each level it holds.</summary>
public sealed record GeneratedFile(string Path, long Bytes, int Provinces, int Cities, int Counties, int Townships, int Villages)
{
    public int Rows => Provinces + Cities + Counties + Townships + Villages;
}

/// <summary>
/// Writes a synthetic division file shaped like the national one (31 provinces, ~340 cities, ~2,850 counties,
/// ~41,600 townships, the rest villages at 700,000 rows), because no national file is kept in the repository.
/// Codes follow the import rules (2/4/6/9/12 digits, each starting with its parent's code) and the national
/// numbering habits (streets 001-099, towns 100-199, xiang 200+; communities 001-199, villages 200+).
/// Rows are ordered by level, then code, like the real sample in /work/shared/data. A fixed seed makes every
/// run write the same bytes, so numbers from different machines or commits are comparable.
/// </summary>
public static class DivisionFileGenerator
{
    public const int NationalRows = 700_000;
    public const int MinRows = 1_000;
    public const int MaxRows = 2_000_000;

    /// <summary>Townships never use this suffix, so a row under it has an unknown parent (see <see cref="WriteBadCopy"/>).</summary>
    private const string ReservedTownship = "999";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // The real provinces: their codes and names cost nothing and make the file look right.
    private static readonly (string Code, string Name)[] RealProvinces =
    [
        ("11", "北京市"), ("12", "天津市"), ("13", "河北省"), ("14", "山西省"), ("15", "内蒙古自治区"),
        ("21", "辽宁省"), ("22", "吉林省"), ("23", "黑龙江省"), ("31", "上海市"), ("32", "江苏省"),
        ("33", "浙江省"), ("34", "安徽省"), ("35", "福建省"), ("36", "江西省"), ("37", "山东省"),
        ("41", "河南省"), ("42", "湖北省"), ("43", "湖南省"), ("44", "广东省"), ("45", "广西壮族自治区"),
        ("46", "海南省"), ("50", "重庆市"), ("51", "四川省"), ("52", "贵州省"), ("53", "云南省"),
        ("54", "西藏自治区"), ("61", "陕西省"), ("62", "甘肃省"), ("63", "青海省"), ("64", "宁夏回族自治区"),
        ("65", "新疆维吾尔自治区"),
    ];

    // Characters common in Chinese place names; two or three of them plus a level suffix read plausibly.
    private const string Syllables =
        "安宁平和兴福东西南北山河江湖金石青白龙凤阳林桥新丰庆长永清泉华昌德富源光明峰台岭沟营庄屯坪家柳杨李王张马" +
        "高红团结胜利双三五七八九里铺店集口头坝湾洲城乐康泰顺合隆盛瑞吉祥云海松柏梅桃杏花溪水田沙坡塘洼寨堡关岗" +
        "前后上下大小中文武广太和义仁礼信忠孝春秋荷竹兰芦苇茶桑";

    public static GeneratedFile Write(string path, int rows, int seed)
    {
        if (rows is < MinRows or > MaxRows)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"rows must be between {MinRows} and {MaxRows}");
        }
        var random = new Random(seed);

        // Every level scales with the requested size; there are never more than 31 provinces.
        var scale = (double)rows / NationalRows;
        var provinceCount = Math.Clamp((int)Math.Round(31 * scale), 1, RealProvinces.Length);
        var cityCount = Math.Max(provinceCount, (int)Math.Round(340 * scale));
        var countyCount = Math.Max(cityCount, (int)Math.Round(2_850 * scale));
        var townshipCount = Math.Max(countyCount, (int)Math.Round(41_600 * scale));
        var villageCount = rows - provinceCount - cityCount - countyCount - townshipCount;

        using (var writer = new StreamWriter(path, append: false, Utf8, bufferSize: 1 << 16))
        {
            writer.NewLine = "\n";
            writer.WriteLine("code,name,level,parent_code");

            var provinces = RealProvinces.Take(provinceCount).Select(p => p.Code).ToList();
            foreach (var (code, name) in RealProvinces.Take(provinceCount))
            {
                WriteRow(writer, code, name, "province", "");
            }

            var cities = Children(provinces, cityCount, random, (parent, i) => parent + Number(i + 1, 2, 99));
            foreach (var (code, parent) in cities)
            {
                WriteRow(writer, code, Name(random) + Pick(random, ("市", 0.9), ("地区", 0.04), ("自治州", 0.06)), "city", parent);
            }

            var counties = Children(cities.Select(c => c.Code).ToList(), countyCount, random, (parent, i) => parent + Number(i + 1, 2, 99));
            foreach (var (code, parent) in counties)
            {
                WriteRow(writer, code, Name(random) + Pick(random, ("县", 0.55), ("区", 0.35), ("市", 0.1)), "county", parent);
            }

            // Townships are numbered by kind, so the kind is chosen before the code.
            var townships = new List<(string Code, string Parent)>(townshipCount);
            var perCounty = Split(townshipCount, counties.Count, random);
            for (var c = 0; c < counties.Count; c++)
            {
                var county = counties[c].Code;
                int streets = 0, towns = 0, xiang = 0;
                var rowsOfCounty = new List<(string Code, string Name)>(perCounty[c]);
                for (var i = 0; i < perCounty[c]; i++)
                {
                    var roll = random.NextDouble();
                    var (code, suffix) = roll < 0.2 && streets < 99 ? (county + Number(1 + streets++, 3, 99), "街道")
                        : roll < 0.7 && towns < 100 ? (county + Number(100 + towns++, 3, 199), "镇")
                        : (county + Number(200 + xiang++, 3, 998), "乡");
                    rowsOfCounty.Add((code, Name(random) + suffix));
                }
                // Keep codes ascending within the county, like the real file.
                foreach (var (code, name) in rowsOfCounty.OrderBy(r => r.Code, StringComparer.Ordinal))
                {
                    WriteRow(writer, code, name, "township", county);
                    townships.Add((code, county));
                }
            }

            // Villages are the bulk of the file: written straight out, never held in memory.
            var perTownship = Split(villageCount, townships.Count, random);
            for (var t = 0; t < townships.Count; t++)
            {
                var township = townships[t].Code;
                var communities = (int)Math.Round(perTownship[t] * random.NextDouble() * 0.3);
                for (var i = 0; i < perTownship[t]; i++)
                {
                    var (number, suffix) = i < communities ? (1 + i, "社区居委会") : (200 + i - communities, "村委会");
                    WriteRow(writer, township + Number(number, 3, 999), Name(random) + suffix, "village", township);
                }
            }
        }

        return new GeneratedFile(path, new FileInfo(path).Length, provinceCount, cityCount, countyCount, townshipCount, villageCount);
    }

    /// <summary>Copies the file, prefixing <paramref name="count"/> names (spread evenly through it) with 新. Returns how many changed.</summary>
    public static int WriteRenamedCopy(string source, string destination, int rows, int count)
    {
        var step = Math.Max(1, rows / count);
        var changed = 0;
        TransformLines(source, destination, (index, line) =>
        {
            if (index % step != step / 2 || changed >= count)
            {
                return line;
            }
            changed++;
            var fields = line.Split(',');
            fields[1] = "新" + fields[1];
            return string.Join(',', fields);
        });
        return changed;
    }

    /// <summary>
    /// Copies the file, moving the village <paramref name="fromEnd"/> rows before the end under a township that does
    /// not exist. Returns the 1-based line number and the missing parent the importer must name in its rejection.
    /// </summary>
    public static (int Line, string MissingParent) WriteBadCopy(string source, string destination, int rows, int fromEnd)
    {
        var target = rows - fromEnd;
        var missingParent = "";
        TransformLines(source, destination, (index, line) =>
        {
            if (index != target)
            {
                return line;
            }
            var fields = line.Split(',');
            missingParent = fields[0][..6] + ReservedTownship;
            fields[0] = missingParent + fields[0][9..];
            fields[3] = missingParent;
            return string.Join(',', fields);
        });
        return (target + 2, missingParent); // + 1 for the header, + 1 because lines count from 1
    }

    /// <summary>Streams <paramref name="source"/> to <paramref name="destination"/>, passing each data row (0-based index) through <paramref name="map"/>.</summary>
    private static void TransformLines(string source, string destination, Func<int, string, string> map)
    {
        using var reader = new StreamReader(source, Utf8);
        using var writer = new StreamWriter(destination, append: false, Utf8, bufferSize: 1 << 16);
        writer.NewLine = "\n";
        writer.WriteLine(reader.ReadLine());
        var index = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            writer.WriteLine(map(index++, line));
        }
    }

    /// <summary>Spreads <paramref name="total"/> children over the parents in order, each parent getting at least one.</summary>
    private static List<(string Code, string Parent)> Children(List<string> parents, int total, Random random, Func<string, int, string> code)
    {
        var counts = Split(total, parents.Count, random);
        var children = new List<(string, string)>(total);
        for (var p = 0; p < parents.Count; p++)
        {
            for (var i = 0; i < counts[p]; i++)
            {
                children.Add((code(parents[p], i), parents[p]));
            }
        }
        return children;
    }

    /// <summary>Splits <paramref name="total"/> into <paramref name="parts"/> uneven shares (each at least 1), as real regions differ in size.</summary>
    private static int[] Split(int total, int parts, Random random)
    {
        var weights = Enumerable.Range(0, parts).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var sum = weights.Sum();
        var spare = total - parts;
        var counts = weights.Select(w => 1 + (int)(spare * w / sum)).ToArray();
        // Rounding down leaves a few over; hand them out at random.
        for (var assigned = counts.Sum(); assigned < total; assigned++)
        {
            counts[random.Next(parts)]++;
        }
        return counts;
    }

    private static string Number(int value, int digits, int max) => value <= max
        ? value.ToString(new string('0', digits), System.Globalization.CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"a parent has more than {max} children; use fewer rows");

    private static string Name(Random random)
    {
        Span<char> name = stackalloc char[3];
        var length = random.NextDouble() < 0.85 ? 2 : 3;
        for (var i = 0; i < length; i++)
        {
            name[i] = Syllables[random.Next(Syllables.Length)];
        }
        return new string(name[..length]);
    }

    private static string Pick(Random random, params (string Value, double Weight)[] choices)
    {
        var roll = random.NextDouble();
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }
        return choices[^1].Value;
    }

    private static void WriteRow(StreamWriter writer, string code, string name, string level, string parent)
    {
        writer.Write(code);
        writer.Write(',');
        writer.Write(name);
        writer.Write(',');
        writer.Write(level);
        writer.Write(',');
        writer.WriteLine(parent);
    }
}
